package dev.perks.lifecycle.status;

import dev.perks.error.Redaction;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The last known state of one dependency, fed by its background probe and by the request path.
 * Logs one line per change of reason, never one per failure, and exposes it as metrics.
 */
public abstract class DependencyStatus {

    private static final Logger LOG = Logger.getLogger(DependencyStatus.class);

    private final String name;
    private final AtomicReference<DependencyState> state = new AtomicReference<>(DependencyState.initial());

    protected DependencyStatus(String name, MeterRegistry registry) {
        this.name = name;
        Gauge.builder("perks.dependency.available", this, s -> s.current().available() ? 1 : 0)
                .tag("dependency", name).description("1 when the dependency answers, 0 otherwise")
                .register(registry);
        Gauge.builder("perks.dependency.failed.attempts", this, s -> s.current().attempts())
                .tag("dependency", name).description("Failed attempts since the dependency last answered")
                .register(registry);
    }

    public DependencyState current() {
        return state.get();
    }

    public void reportSuccess() {
        if (state.get().available()) {
            return; // the hot path: one volatile read
        }
        DependencyState previous = state.getAndUpdate(DependencyState::succeeded);
        if (!previous.available()) {
            LOG.infof("%s available (was %s for %d attempt(s))", name, previous.reason().code(), previous.attempts());
            onAvailable();
        }
    }

    public void reportFailure(Throwable failure) {
        FailureReason reason = FailureClassifier.reason(failure);
        String detail = Redaction.describe(failure);
        DependencyState previous = state.getAndUpdate(s -> s.failed(reason, detail));
        if (previous.reason() != reason) {
            LOG.warnf("%s unavailable: %s (%s)", name, reason.code(), detail);
        }
    }

    /** Called once each time the dependency answers again after being unavailable. */
    protected void onAvailable() {
    }
}
