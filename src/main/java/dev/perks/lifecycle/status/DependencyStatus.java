package dev.perks.lifecycle.status;

import dev.perks.error.Redaction;
import dev.perks.lifecycle.config.OwnedGauges;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * The last known state of one dependency, fed by its background probe and by the request path.
 * Logs one line per change of reason, never one per failure, and exposes it as metrics.
 */
public abstract class DependencyStatus {

    private static final Logger LOG = Logger.getLogger(DependencyStatus.class);

    private final String name;
    private final OwnedGauges gauges;
    private final AtomicReference<DependencyState> state = new AtomicReference<>(DependencyState.initial());
    private final AtomicLong timesFoundDown = new AtomicLong();

    protected DependencyStatus(String name, MeterRegistry registry) {
        this.name = name;
        Tags dependency = Tags.of("dependency", name);
        gauges = new OwnedGauges(registry)
                .add("perks.dependency.available", "1 when the dependency answers, 0 otherwise", dependency,
                        () -> current().available() ? 1 : 0)
                .add("perks.dependency.failed.attempts", "Failed attempts since the dependency last answered", dependency,
                        () -> current().attempts());
        for (FailureReason reason : FailureReason.values()) {
            gauges.add("perks.dependency.reason", "1 for the reason the dependency is in now (ok when it answers)",
                    dependency.and("reason", reason.code()), () -> current().reason() == reason ? 1 : 0);
        }
    }

    @PreDestroy
    void removeGauges() {
        gauges.removeAll();
    }

    public DependencyState current() {
        return state.get();
    }

    /** How often the dependency went from usable (or not yet checked) to known unavailable: the request gate's openings. */
    public long timesFoundDown() {
        return timesFoundDown.get();
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
        if (!previous.knownUnavailable()) {
            timesFoundDown.incrementAndGet();
        }
        if (previous.reason() != reason) {
            LOG.warnf("%s unavailable: %s (%s)", name, reason.code(), detail);
        }
    }

    /** Called once each time the dependency answers again after being unavailable. */
    protected void onAvailable() {
    }
}
