package org.cskit.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.cskit.jdbc.PlayOutbox;
import org.cskit.spring.boot.CsKitEndpoint;
import org.cskit.spring.boot.CsKitHealthIndicator;
import org.cskit.jdbc.JdbcPlayStateStore;
import org.cskit.run.NightlyReport;
import org.cskit.spring.boot.NightlyJob;
import org.cskit.spring.boot.NightlySchedule;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Status;

/**
 * The sample application's night and morning, on the database of the subclass: the nightly run
 * derives the features from the portfolio's signals, scores them and puts its plays in the outbox
 * (the play state in the database), an event makes one play more, a second run of the same night
 * makes none, and the metrics (plays, bands, time per stage) say so. One test method, so the
 * counters start at zero.
 */
abstract class SampleScenario {
    static final Instant NIGHT = Instant.parse("2026-06-01T02:00:00Z");

    @Autowired
    NightlyJob nightly;
    @Autowired
    NightlySchedule schedule;
    @Autowired
    AccountActivity activity;
    @Autowired
    MeterRegistry registry;
    @Autowired
    PlayOutbox outbox;
    @Autowired
    CsKitHealthIndicator health;
    @Autowired
    CsKitEndpoint endpoint;

    private double sum(String name, String tag, String value) {
        double total = 0;
        for (Counter c : registry.find(name).counters()) {
            if (value == null || value.equals(c.getId().getTag(tag))) {
                total += c.count();
            }
        }
        return total;
    }

    @Test
    void nightlyRunThenAnEvent_playsInTheOutbox_andTheMetricsAgree() {
        assertThat(schedule.isRunning()).isTrue();
        long before = outbox.stats().pending();

        NightlyReport night = nightly.run(NIGHT);

        assertThat(nightly.state().playStateStore()).isInstanceOf(JdbcPlayStateStore.class);
        assertThat(night.accounts()).isEqualTo(2_000);
        assertThat(night.created()).isPositive();
        assertThat(night.failed()).isZero();
        assertThat(outbox.stats().pending()).isEqualTo(before + night.created());
        assertThat(sum("cskit.plays.made", null, null)).isEqualTo(night.created());
        assertThat(sum("cskit.plays.made", "playbook", "support-overload")).as("the sample's own playbook, on derived tickets")
                .isPositive();
        assertThat(sum("cskit.plays.made", "playbook", "low-adoption")).as("a built-in playbook, on derived seat utilisation")
                .isPositive();
        assertThat(sum("cskit.accounts.scored", null, null)).isEqualTo(2_000);
        assertThat(sum("cskit.accounts.scored", "band", "red")).isPositive();
        assertThat(registry.get("cskit.scoring").tag("strategy", "health").timer().count()).isEqualTo(night.slices());
        for (String stage : new String[] {"signals", "facts", "derive", "score", "playbooks"}) {
            assertThat(registry.get("cskit.nightly.stage").tag("stage", stage).timer().count()).as(stage).isEqualTo(1);
        }
        assertThat(registry.get("cskit.nightly.stage").tag("stage", "derive").timer().totalTime(java.util.concurrent.TimeUnit.NANOSECONDS))
                .isEqualTo(night.stages().derive().toNanos()).isPositive();

        activity.championChanged(7, "ann", NIGHT.plusSeconds(3_600));

        assertThat(sum("cskit.plays.made", "playbook", "champion-change")).isEqualTo(1);
        assertThat(outbox.stats().pending()).isEqualTo(before + night.created() + 1);

        NightlyReport again = nightly.run(NIGHT);

        assertThat(again.created()).as("every play of the night is still open").isZero();
        assertThat(sum("cskit.plays.suppressed", "reason", "already_open")).isGreaterThanOrEqualTo(night.created());
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        assertThat(health.health().getDetails()).containsKey("lastNightlyRun");
        CsKitEndpoint.Description d = endpoint.cskit();
        assertThat(d.playbooks()).extracting(CsKitEndpoint.PlaybookInfo::id).contains("low-adoption", "support-overload");
        assertThat(d.strategies()).extracting(CsKitEndpoint.StrategyInfo::name).containsExactly("health");
        assertThat(d.lastNightlyRun().report()).isSameAs(again);
    }
}
