package dev.perks.lifecycle.guard;

import dev.perks.lifecycle.status.DatabaseStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The request path's retry and circuit series, under the names SmallRye Fault Tolerance gives them
 * ({@code ft_retry_retries_total{method=...}}, {@code ft_circuitbreaker_state_current{method="database",state=...}},
 * {@code ft_circuitbreaker_opened_total}), so dashboards built for it keep working. The guard keeps
 * them itself because it no longer runs Fault Tolerance per request (README, Performance): a retry
 * is one counter increment, and the circuit is the gate, read from {@link DatabaseStatus}.
 */
@Singleton
class GuardMetrics {

    static final String CIRCUIT = "database";

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final Map<RetryRule, Counter> retries = new EnumMap<>(RetryRule.class);
    private final Counter commitsResolved;

    GuardMetrics(MeterRegistry registry, DatabaseGate gate, DatabaseStatus status) {
        this.registry = registry;
        for (RetryRule rule : RetryRule.values()) {
            Counter counter = Counter.builder("ft.retry.retries.total").tag("method", rule.metricName)
                    .description("Attempts of the request path's database work sent again").register(registry);
            retries.put(rule, counter);
            meters.add(counter);
        }
        circuitState("closed", () -> !gate.isOpen());
        circuitState("open", gate::isOpen);
        circuitState("halfOpen", () -> false); // the probe is the only trial, so no request ever is
        meters.add(FunctionCounter.builder("ft.circuitbreaker.opened.total", status, DatabaseStatus::timesFoundDown)
                .tag("method", CIRCUIT).description("Times the database was found down and requests refused from memory")
                .register(registry));
        commitsResolved = Counter.builder("perks.database.commit.unknown").description(
                "COMMITs whose reply did not come within perks.database.commit-timeout, resolved from the server before answering")
                .register(registry);
        meters.add(commitsResolved);
    }

    private void circuitState(String state, java.util.function.BooleanSupplier isIn) {
        meters.add(Gauge.builder("ft.circuitbreaker.state.current", isIn, s -> s.getAsBoolean() ? 1 : 0)
                .tag("method", CIRCUIT).tag("state", state).strongReference(true)
                .description("1 for the state the request path's circuit (the database gate) is in").register(registry));
    }

    void retried(RetryRule rule) {
        retries.get(rule).increment();
    }

    void commitUnknown() {
        commitsResolved.increment();
    }

    /** An application restarted in the same JVM (tests, dev mode) must not read this instance's state. */
    @PreDestroy
    void remove() {
        meters.forEach(registry::remove);
        meters.clear();
    }
}
