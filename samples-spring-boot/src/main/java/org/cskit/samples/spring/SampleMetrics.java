package org.cskit.samples.spring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The cskit counters of a registry, summed by meter and tag, and the nightly run's time per stage
 * (milliseconds, summed over its threads), for the sample's log line.
 */
final class SampleMetrics {
    private SampleMetrics() {}

    /**
     * @param registry the registry
     * @return {@code name{tags}} to count, for every cskit counter, and to milliseconds for each nightly stage
     */
    static Map<String, Double> of(MeterRegistry registry) {
        Map<String, Double> counts = new TreeMap<>();
        for (Counter c : registry.find("cskit.plays.made").counters()) {
            counts.merge("cskit.plays.made{playbook=" + c.getId().getTag("playbook") + "}", c.count(), Double::sum);
        }
        for (Counter c : registry.find("cskit.plays.suppressed").counters()) {
            counts.merge("cskit.plays.suppressed{reason=" + c.getId().getTag("reason") + "}", c.count(), Double::sum);
        }
        for (Counter c : registry.find("cskit.accounts.scored").counters()) {
            counts.merge("cskit.accounts.scored{band=" + c.getId().getTag("band") + "}", c.count(), Double::sum);
        }
        for (Timer t : registry.find("cskit.nightly.stage").timers()) {
            counts.merge("cskit.nightly.stage{stage=" + t.getId().getTag("stage") + "} ms", t.totalTime(TimeUnit.MILLISECONDS), Double::sum);
        }
        return counts;
    }
}
