package dev.keel.scheduler.service;

import dev.keel.runtime.events.EventRecorder;
import dev.keel.runtime.health.RuntimeHealth;
import dev.keel.runtime.leader.LeaderElection;
import dev.keel.runtime.leader.LeaderElectionProperties;
import dev.keel.scheduler.cache.SchedulerCache;
import dev.keel.scheduler.framework.Framework;
import dev.keel.scheduler.framework.Parallelizer;
import dev.keel.scheduler.framework.PluginRegistration;
import dev.keel.scheduler.framework.PluginRegistry;
import dev.keel.scheduler.profile.DefaultPlugins;
import dev.keel.scheduler.profile.Profiles;
import dev.keel.scheduler.queue.BackoffPolicy;
import dev.keel.scheduler.queue.SchedulingQueue;
import dev.keel.scheduler.scheduling.ScheduleAlgorithm;
import dev.keel.scheduler.scheduling.Scheduler;
import dev.keel.scheduler.scheduling.SchedulingListener;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the scheduler from {@link SchedulerProperties}. The client to platform-api is platform-runtime's, configured
 * under {@code keel.client.*} (kubeconfig, or URL, CA and token).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SchedulerProperties.class)
public class SchedulerConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SchedulingQueue schedulingQueue(SchedulerProperties properties, Clock clock) {
        return new SchedulingQueue(clock, new BackoffPolicy(properties.getInitialBackoff(), properties.getMaxBackoff()),
                properties.getUnschedulableTimeout());
    }

    @Bean
    SchedulerCache schedulerCache(SchedulerProperties properties, Clock clock) {
        return new SchedulerCache(clock, properties.getAssumedPodTtl());
    }

    @Bean(destroyMethod = "close")
    EventRecorder eventRecorder(KubernetesClient client, Clock clock, SchedulerProperties properties) {
        return new EventRecorder(client, "default-scheduler", hostName(), clock, properties.getEventQueueCapacity());
    }

    @Bean
    WorkloadInformers workloadInformers(KubernetesClient client, RuntimeHealth health) {
        return new WorkloadInformers(client, health);
    }

    @Bean
    Map<String, Framework> schedulerProfiles(SchedulerProperties properties, KubernetesClient client, EventRecorder events,
                                             ObjectProvider<PluginRegistration> customPlugins, WorkloadInformers workloads) {
        List<Profiles.Spec> specs = properties.getProfiles().isEmpty()
                ? List.of(Profiles.Spec.defaults("default-scheduler"))
                : properties.getProfiles().stream().map(p -> new Profiles.Spec(p.getSchedulerName(), p.getScoringStrategy(),
                        new HashSet<>(p.getDisabled()), p.getEnabled(), p.getWeights(), p.getPercentageOfNodesToScore())).toList();
        PluginRegistry registry = DefaultPlugins.registry(new ApiPodBinder(client, Duration.ofSeconds(30)),
                new ApiPodEvictor(client, events), workloads);
        customPlugins.orderedStream().forEach(plugin -> registry.register(plugin.name(), plugin.factory()));
        return Profiles.build(specs, registry);
    }

    @Bean
    SchedulerMetrics schedulerMetrics(MeterRegistry registry, SchedulingQueue queue, EventRecorder events) {
        return new SchedulerMetrics(registry, queue, events::dropped);
    }

    /** Filter and score threads besides the scheduling thread; none with a parallelism of 1. */
    @Bean(destroyMethod = "close")
    Parallelizer schedulerParallelizer(SchedulerProperties properties) {
        return Parallelizer.withThreads(properties.getParallelism(), properties.getParallelMinNodes(), "scheduler-parallel");
    }

    @Bean
    SchedulerRunner schedulerRunner(SchedulerProperties properties, KubernetesClient client, SchedulingQueue queue,
                                    SchedulerCache cache, Map<String, Framework> schedulerProfiles, EventRecorder events,
                                    SchedulerMetrics metrics, Clock clock, Parallelizer schedulerParallelizer,
                                    RuntimeHealth health) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService binders = Executors.newFixedThreadPool(properties.getBindThreads(),
                runnable -> new Thread(runnable, "scheduler-bind-" + threads.incrementAndGet()));
        Scheduler scheduler = new Scheduler(queue, cache, schedulerProfiles, binders,
                SchedulingListener.all(List.of(metrics, new SchedulingEvents(events))), clock,
                new ScheduleAlgorithm(RandomGenerator.getDefault(), schedulerParallelizer));
        LeaderElectionProperties election = properties.getLeaderElection();
        SchedulerRunner runner = election.isEnabled()
                ? new SchedulerRunner(client, queue, cache, scheduler, binders,
                        (onStart, onStop) -> new LeaderElection(client, election, onStart, onStop))
                : new SchedulerRunner(client, queue, cache, scheduler, binders, null);
        runner.reportTo(health);
        return runner;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "scheduler";
        }
    }
}
