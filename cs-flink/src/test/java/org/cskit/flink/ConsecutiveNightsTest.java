package org.cskit.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The nightly job night after night on a MiniCluster (BATCH mode, parallelism 2, generic types
 * disabled), each night reading the state the night before wrote: a situation that still holds
 * makes no second play, a situation that cleared closes its play, cooldowns hold across nights, the
 * same night again makes nothing; and over several nights of a generated portfolio, exactly the
 * plays, closes and reminders of cs-run's {@code NightlyRun} carrying its own state.
 */
class ConsecutiveNightsTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.extension();

    private static final Instant NIGHT_1 = Instant.parse("2025-06-01T00:00:00Z");
    private static final Duration DAY = Duration.ofDays(1);

    @Test
    void nightly_nightsThroughTheirState_noSecondPlayClosesCooldownsHoldSameNightAgainMakesNothing() throws Exception {
        CsDefinitions definitions = Fixtures.definitions();
        RunReference reference = new RunReference(definitions);

        // Night 1: acme's seats are 30% used with few logins (low adoption) and 4 tickets (a support spike); beta is healthy.
        MiniClusters.Night one = night(definitions, reference, null, NIGHT_1, 0.3, 4);
        assertThat(made(one)).contains("acme low-adoption", "acme support-spike").noneMatch(p -> p.startsWith("beta "));

        // Night 2: nothing changed: no play is made twice.
        MiniClusters.Night two = night(definitions, reference, one.state(), NIGHT_1.plus(DAY), 0.3, 4);
        assertThat(two.plays()).as("the same situations the night after").isEmpty();

        // The first night's job again, without the state: it would offer both again (what the state prevents).
        MiniClusters.Night stateless = MiniClusters.night(definitions, records(NIGHT_1.plus(DAY), 0.3, 4), null, NIGHT_1.plus(DAY));
        assertThat(made(stateless)).contains("acme low-adoption", "acme support-spike");

        // Night 3: seats recover to 90% and no tickets: both plays close, under the keys they were made with.
        MiniClusters.Night three = night(definitions, reference, two.state(), NIGHT_1.plus(DAY.multipliedBy(2)), 0.9, 0);
        assertThat(three.plays()).filteredOn(p -> p.closed).extracting(p -> p.key)
                .containsAll(one.plays().stream().filter(p -> p.accountId.equals("acme") && !p.playbookId.equals("entered-red"))
                        .map(p -> p.key).toList());
        assertThat(made(three)).isEmpty();

        // Night 4: low adoption again within low-adoption's 30-day cooldown: no play; support-spike has none and plays again.
        MiniClusters.Night four = night(definitions, reference, three.state(), NIGHT_1.plus(DAY.multipliedBy(3)), 0.3, 4);
        assertThat(made(four)).doesNotContain("acme low-adoption").contains("acme support-spike");

        // Night 4 again, on night 4's own state: nothing new.
        MiniClusters.Night again = MiniClusters.night(definitions, records(NIGHT_1.plus(DAY.multipliedBy(3)), 0.3, 4), four.state(),
                NIGHT_1.plus(DAY.multipliedBy(3)));
        assertThat(again.plays()).isEmpty();
        assertThat(again.state()).as("and the state stays as it was").containsExactlyInAnyOrderElementsOf(four.state());
    }

    @Test
    void nightly_nightsOfAGeneratedPortfolio_equalCsRunsNightlyRunNightByNight() throws Exception {
        CsDefinitions definitions = Fixtures.definitions();
        RunReference reference = new RunReference(definitions);
        List<AccountState> state = null;
        Set<String> made = new HashSet<>();
        List<PlayRecord> all = new ArrayList<>();
        for (int day : new int[] {0, 1, 8, 15, 16}) {
            Instant asOf = Fixtures.AS_OF.plus(DAY.multipliedBy(day));
            List<AccountInput> records = Fixtures.nightly(150, 7, asOf);
            List<PlayRecord> expected = reference.night(records, asOf);
            MiniClusters.Night night = MiniClusters.night(definitions, records, state, asOf);

            assertThat(night.plays()).as("night of day %d", day).containsExactlyElementsOf(expected);
            for (PlayRecord p : night.plays()) {
                assertThat(p.closed || made.add(p.key)).as("play %s made once over the nights", p.key).isTrue();
            }
            all.addAll(night.plays());
            state = night.state();
        }
        assertThat(all).as("the nights make plays").filteredOn(p -> !p.closed && !p.reminder).hasSizeGreaterThan(30);
        assertThat(all).as("and close some").anyMatch(p -> p.closed);
        assertThat(all).as("and remind of open ones").anyMatch(p -> p.reminder);
    }

    /** One night of the scenario, checked against cs-run's NightlyRun on the same records. */
    private static MiniClusters.Night night(CsDefinitions definitions, RunReference reference, List<AccountState> yesterday, Instant asOf,
            double acmeSeats, double acmeTickets) throws Exception {
        List<AccountInput> records = records(asOf, acmeSeats, acmeTickets);
        MiniClusters.Night night = MiniClusters.night(definitions, records, yesterday, asOf);
        assertThat(night.plays()).as("the night as of %s beside cs-run's", asOf).containsExactlyElementsOf(reference.night(records, asOf));
        assertThat(night.state()).extracting(s -> s.accountId).containsExactlyInAnyOrder("acme", "beta");
        return night;
    }

    /** The night's extract: acme's seats and tickets as given, beta healthy; one observation of each signal an hour before. */
    private static List<AccountInput> records(Instant asOf, double acmeSeats, double acmeTickets) {
        long t = asOf.minus(Duration.ofHours(1)).toEpochMilli();
        return List.of(AccountInput.signal("acme", "seat_utilisation", t, acmeSeats), AccountInput.signal("acme", "logins", t, 5),
                AccountInput.signal("acme", "support_tickets", t, acmeTickets), AccountInput.signal("beta", "seat_utilisation", t, 0.95),
                AccountInput.signal("beta", "logins", t, 200), AccountInput.signal("beta", "support_tickets", t, 0));
    }

    private static List<String> made(MiniClusters.Night night) {
        return night.plays().stream().filter(p -> !p.closed).map(p -> p.accountId + " " + p.playbookId).toList();
    }
}
