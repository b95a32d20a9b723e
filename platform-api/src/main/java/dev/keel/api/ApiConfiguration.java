package dev.keel.api;

import dev.keel.api.admission.AdmissionChain;
import dev.keel.api.admission.AdmissionPlugins;
import dev.keel.api.admission.MutatingAdmission;
import dev.keel.api.admission.ObjectDeletedHook;
import dev.keel.api.admission.ValidatingAdmission;
import dev.keel.api.apiextensions.serving.CustomResourceHandling;
import dev.keel.api.codec.ObjectCodec;
import dev.keel.api.eviction.PodEviction;
import dev.keel.api.objects.ObjectStorage;
import dev.keel.api.patch.ObjectPatcher;
import dev.keel.api.patch.ServerSideApply;
import dev.keel.api.registry.BuiltinStrategies;
import dev.keel.api.registry.KindStrategies;
import dev.keel.api.registry.ModelConverter;
import dev.keel.api.registry.NamespaceLifecycle;
import dev.keel.api.registry.ObjectDeleter;
import dev.keel.api.registry.ObjectPreparation;
import dev.keel.api.registry.ObjectReader;
import dev.keel.api.registry.ObjectWriter;
import dev.keel.api.registry.SubresourceOperations;
import dev.keel.api.resource.BuiltinResources;
import dev.keel.api.resource.ResourceRegistry;
import dev.keel.api.rest.ApiServerProperties;
import dev.keel.api.rest.RequestBodies;
import dev.keel.api.rest.RequestInfoParser;
import dev.keel.api.rest.ResponseRenderer;
import dev.keel.api.rest.WatchOperation;
import dev.keel.api.store.EtcdProperties;
import dev.keel.api.store.RevisionedStore;
import dev.keel.api.table.TableColumns;
import dev.keel.api.table.TableRenderer;
import dev.keel.api.watch.ChangeDecoder;
import dev.keel.api.watch.WatchHub;
import dev.keel.api.watch.WatchProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the request path: registry, codec, storage, watch hub, admission, readers and writers. */
@Configuration(proxyBeanMethods = false)
@org.springframework.context.annotation.Import(dev.keel.api.admission.cel.PolicyAdmissionConfiguration.class)
public class ApiConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    public ResourceRegistry resourceRegistry() {
        return BuiltinResources.registry();
    }

    @Bean
    public ObjectCodec objectCodec() {
        return new ObjectCodec();
    }

    @Bean
    public ObjectStorage objectStorage(RevisionedStore store, ObjectCodec codec, EtcdProperties etcd, ApiServerProperties server) {
        return new ObjectStorage(store, codec, etcd.getKeyPrefix(), server.getEventTtl());
    }

    @Bean
    public ChangeDecoder changeDecoder(ObjectStorage storage, ObjectCodec codec, ResourceRegistry registry) {
        return new ChangeDecoder(storage, codec, registry);
    }

    @Bean
    public WatchHub watchHub(ObjectStorage storage, ChangeDecoder decoder, WatchProperties properties, MeterRegistry meters) {
        return new WatchHub(storage, decoder, properties, meters);
    }

    @Bean
    public dev.keel.api.watch.Compactor compactor(RevisionedStore store, WatchHub hub, EtcdProperties properties) {
        return new dev.keel.api.watch.Compactor(store, hub, properties);
    }

    @Bean
    public TableRenderer tableRenderer(List<TableColumns> columns, Clock clock) {
        return new TableRenderer(columns, clock);
    }

    /** Every admission plugin bean, in the order {@link AdmissionPlugins#ORDER} writes out. */
    @Bean
    public AdmissionChain admissionChain(ObjectProvider<MutatingAdmission> mutating, ObjectProvider<ValidatingAdmission> validating) {
        return AdmissionChain.ordered(AdmissionPlugins.ORDER, mutating.stream().toList(), validating.stream().toList());
    }

    @Bean
    public RequestInfoParser requestInfoParser(ResourceRegistry registry) {
        return new RequestInfoParser(registry);
    }

    @Bean
    public ModelConverter modelConverter(ObjectCodec codec) {
        return new ModelConverter(codec);
    }

    /** The strategy of every built-in kind; kinds defined at runtime register theirs here as they are served. */
    @Bean
    public KindStrategies kindStrategies(ResourceRegistry registry, List<TableColumns> columns) {
        return new KindStrategies(BuiltinStrategies.of(registry, columns));
    }

    @Bean
    public ObjectPreparation objectPreparation(Clock clock, KindStrategies strategies) {
        return new ObjectPreparation(clock, strategies);
    }

    @Bean
    public ObjectReader objectReader(ObjectStorage storage, CustomResourceHandling custom) {
        return new ObjectReader(storage, custom);
    }

    @Bean
    public ObjectDeleter objectDeleter(ObjectStorage storage, ObjectPreparation preparation, ModelConverter models,
            ObjectProvider<ObjectDeletedHook> hooks, NamespaceLifecycle namespaceLifecycle) {
        return new ObjectDeleter(storage, preparation, models, hooks.orderedStream().toList(), namespaceLifecycle);
    }

    @Bean
    public NamespaceLifecycle namespaceLifecycle(ObjectStorage storage, WatchHub hub, ResourceRegistry registry) {
        return new NamespaceLifecycle(storage, hub, registry);
    }

    @Bean
    public ObjectWriter objectWriter(ObjectStorage storage, ModelConverter models, ObjectPreparation preparation,
            AdmissionChain admission, ServerSideApply serverSideApply, NamespaceLifecycle namespaceLifecycle,
            ObjectDeleter deleter, CustomResourceHandling custom) {
        return new ObjectWriter(storage, models, preparation, admission, serverSideApply, namespaceLifecycle, deleter, custom);
    }

    @Bean(destroyMethod = "close")
    public WatchOperation watchOperation(WatchHub hub, ObjectStorage storage, ChangeDecoder decoder, ObjectReader reader,
            ObjectCodec codec, TableRenderer tables, KindStrategies strategies, WatchProperties properties,
            CustomResourceHandling custom) {
        return new WatchOperation(hub, storage, decoder, reader, codec, tables, strategies, properties, custom);
    }

    @Bean
    public SubresourceOperations subresourceOperations(ObjectReader reader, ObjectWriter writer, ObjectDeleter deleter,
            ObjectPatcher patcher, ObjectPreparation preparation, PodEviction eviction) {
        return new SubresourceOperations(reader, writer, deleter, patcher, preparation, eviction);
    }

    @Bean
    public PodEviction podEviction(ObjectStorage storage, ObjectWriter writer, ObjectDeleter deleter, ModelConverter models,
            ResourceRegistry registry, Clock clock) {
        return new PodEviction(storage, writer, deleter, models, registry.findByKind("v1", "Pod").orElseThrow(),
                registry.findByKind("policy/v1", "PodDisruptionBudget").orElseThrow(), clock);
    }

    @Bean
    public RequestBodies requestBodies(ObjectCodec codec, ApiServerProperties properties) {
        return new RequestBodies(codec, properties.getMaxRequestBytes());
    }

    @Bean
    public ResponseRenderer responseRenderer(ObjectCodec codec, TableRenderer tables, KindStrategies strategies) {
        return new ResponseRenderer(codec, tables, strategies);
    }
}
