package dev.perks.health;

import dev.perks.lifecycle.status.DependencyState;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/** Renders a dependency's last known state; reads memory only, so a probe answers in microseconds. */
final class DependencyHealth {

    private DependencyHealth() {
    }

    static HealthCheckResponseBuilder of(String name, DependencyState state) {
        HealthCheckResponseBuilder builder = HealthCheckResponse.named(name)
                .status(state.available())
                .withData("reason", state.reason().code())
                .withData("since", state.since().toString())
                .withData("attempts", state.attempts());
        if (state.detail() != null) {
            builder.withData("detail", state.detail());
        }
        return builder;
    }
}
