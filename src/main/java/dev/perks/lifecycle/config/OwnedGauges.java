package dev.perks.lifecycle.config;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;

/**
 * Gauges that belong to one bean: held by strong references and removed from the registry when the
 * bean goes. Micrometer keeps only a weak reference to a gauge's state and ignores a second
 * registration of the same name and tags; an application restarted in the same JVM (tests, dev
 * mode) would otherwise keep reading the previous instance's state, or NaN once it is collected.
 */
public final class OwnedGauges {

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();

    public OwnedGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    public OwnedGauges add(String name, String description, Tags tags, DoubleSupplier value) {
        meters.add(Gauge.builder(name, value, DoubleSupplier::getAsDouble).description(description).tags(tags)
                .strongReference(true).register(registry));
        return this;
    }

    public void removeAll() {
        meters.forEach(registry::remove);
        meters.clear();
    }
}
