package dev.keel.api.metrics;

import dev.keel.api.rest.RequestInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Times every API request by verb, group, resource, subresource and HTTP code
 * ({@code keel_api_request_duration_seconds}); watches are long-lived and only counted
 * ({@code keel_api_watch_requests_total}), as Kubernetes keeps them out of its latency figures.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestMetricsFilter extends OncePerRequestFilter {

    public static final String VERB_ATTRIBUTE = "keel.verb";

    private final MeterRegistry meters;

    public RequestMetricsFilter(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            record(request, response, System.nanoTime() - start);
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response, long nanos) {
        Object verb = request.getAttribute(VERB_ATTRIBUTE);
        RequestInfo info = (RequestInfo) request.getAttribute(RequestInfo.class.getName());
        String group = info == null ? "" : info.group();
        String resource = info == null ? "" : info.resource();
        String subresource = info == null || info.subresource() == null ? "" : info.subresource();
        Tags tags = Tags.of("group", group, "resource", resource, "subresource", subresource);
        if ("watch".equals(verb)) {
            Counter.builder("keel.api.watch.requests").description("Watch requests started")
                    .tags(tags).register(meters).increment();
            return;
        }
        String verbName = verb == null ? nonResourceVerb(request) : verb.toString();
        Timer.builder("keel.api.request.duration")
                .description("API request latency by verb, resource and response code")
                .tags(tags.and("verb", verbName, "code", Integer.toString(response.getStatus())))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(meters)
                .record(Duration.ofNanos(nanos));
    }

    private static String nonResourceVerb(HttpServletRequest request) {
        return request.getMethod().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return true;
    }
}
