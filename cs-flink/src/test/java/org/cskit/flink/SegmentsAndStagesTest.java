package org.cskit.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.cskit.model.LifecycleStage;
import org.cskit.model.ValidationException;
import org.cskit.model.json.JsonInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Accounts carry their segment and lifecycle stage ({@link AccountInput#profile}): a segmented
 * scorecard scores each account with its segment's card, a playbook's audience and stage condition
 * see the account's profile at the evaluation's time; the nightly job agrees with cs-run's
 * {@code NightlyRun} over segments and stages.
 */
class SegmentsAndStagesTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.extension();

    @Test
    void nightly_segmentedPortfolioTwoNights_equalsCsRunAndUsesEachSegmentsScorecardAndStage() throws Exception {
        CsDefinitions definitions = Fixtures.segmented();
        RunReference reference = new RunReference(definitions);
        List<AccountState> state = null;
        List<PlayRecord> all = new ArrayList<>();
        for (int day : new int[] {0, 1}) {
            Instant asOf = Fixtures.AS_OF.plus(Duration.ofDays(day));
            List<AccountInput> records = new ArrayList<>(Fixtures.nightly(120, 7, asOf));
            records.addAll(Fixtures.profiles(120, asOf));
            MiniClusters.Night night = MiniClusters.night(definitions, records, state, asOf);
            assertThat(night.plays()).as("night of day %d", day).containsExactlyElementsOf(reference.night(records, asOf));
            all.addAll(night.plays());
            state = night.state();
        }
        assertThat(all).as("onboarding-stalled, for smb accounts onboarding only (rows divisible by 6)")
                .filteredOn(p -> p.playbookId.equals("onboarding-stalled")).isNotEmpty()
                .allMatch(p -> Integer.parseInt(p.accountId.substring("acct-".length())) % 6 == 0);
    }

    @Test
    void nightly_sameSignalsInTwoSegments_scoredByEachSegmentsScorecard() throws Exception {
        Instant asOf = Fixtures.AS_OF;
        long t = asOf.minus(Duration.ofHours(1)).toEpochMilli();
        List<AccountInput> records = new ArrayList<>();
        for (String account : List.of("small", "large")) {
            records.add(AccountInput.signal(account, "seat_utilisation", t, 0.7));
            records.add(AccountInput.signal(account, "logins", t, 40));
            records.add(AccountInput.signal(account, "support_tickets", t, 0));
        }
        records.add(AccountInput.profile("small", "smb", LifecycleStage.ADOPTION, t));
        records.add(AccountInput.profile("large", "enterprise", LifecycleStage.ADOPTION, t));

        MiniClusters.Night night = MiniClusters.night(Fixtures.segmented(), records, null, asOf);

        double small = score(night, "small");
        double large = score(night, "large");
        // Seats 70% used: 0.4/0.55 of the way on the default card (0.3-0.85), 0.1/0.38 on enterprise's (0.6-0.98).
        assertThat(large).as("enterprise's stricter card").isLessThan(small - 10);
        assertThat(night.plays()).as("and it is enterprise that enters red").extracting(p -> p.accountId + " " + p.playbookId)
                .contains("large entered-red").doesNotContain("small entered-red");
    }

    @Test
    void plays_stageChangesOverTime_stageConditionFollowsTheProfile() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> h = Harnesses.open(
                CsPlaybookFunction.daily(Fixtures.segmented()), null);
        Instant day1 = Instant.parse("2025-06-01T10:00:00Z");
        h.processElement(new StreamRecord<>(AccountInput.profile("acme", "smb", LifecycleStage.ONBOARDING, day1.toEpochMilli())));
        // Arrives first but holds from day 3 on: each evaluation uses the profile in effect at its time.
        h.processElement(new StreamRecord<>(AccountInput.profile("acme", "smb", LifecycleStage.ADOPTION,
                day1.plus(Duration.ofDays(2)).toEpochMilli())));
        for (int d = 0; d < 4; d++) {
            long at = day1.plus(Duration.ofDays(d)).toEpochMilli();
            h.processElement(new StreamRecord<>(AccountInput.signal("acme", "logins", at, 1), at));
            h.processElement(new StreamRecord<>(AccountInput.signal("acme", "seat_utilisation", at, 0.9), at));
            h.processWatermark(at + 86_400_000L);
        }
        List<PlayRecord> out = h.extractOutputValues();
        assertThat(out).filteredOn(p -> p.playbookId.equals("onboarding-stalled"))
                .extracting(p -> (p.closed ? "closed " : "made ") + Instant.ofEpochMilli(p.at))
                .containsExactly("made 2025-06-02T00:00:00Z", "closed 2025-06-04T00:00:00Z");
        h.close();
    }

    @Test
    void processElement_profileOfAnUndeclaredSegment_isRefusedNamingTheSegments() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> h = Harnesses.open(
                CsPlaybookFunction.daily(Fixtures.segmented()), null);

        assertThatThrownBy(() -> h.processElement(new StreamRecord<>(AccountInput.profile("acme", "mid-market", LifecycleStage.ADOPTION, 0))))
                .isInstanceOf(ValidationException.class)
                .hasMessage("the profile of account 'acme' names segment 'mid-market', which the definitions do not declare; they declare "
                        + "enterprise, smb");
        assertThat(h.numKeyedStateEntries()).isZero();
        h.close();
    }

    @Test
    void processElement_profileWithoutStage_isRefused() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, AccountInput, PlayRecord> h = Harnesses.open(
                CsPlaybookFunction.daily(Fixtures.segmented()), null);

        assertThatThrownBy(() -> h.processElement(new StreamRecord<>(AccountInput.profile("acme", "smb", null, 0))))
                .isInstanceOf(ValidationException.class).hasMessage("the profile of account 'acme' has no stage; a profile names both");
        h.close();
    }

    @Test
    void of_selectionNamingAnUndeclaredSegment_failsNamingTheAssignment() {
        assertThatThrownBy(() -> CsDefinitions.of(Fixtures.resource("features.json"), Fixtures.resource("scorecards-segmented.json"),
                Fixtures.resource("playbooks.json")))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("scorecard$.assignments[0].segment: unknown segment 'enterprise'; the definitions declare default");
    }

    @Test
    void of_segmentDeclaredTwice_failsNamingTheIndex() {
        assertThatThrownBy(() -> CsDefinitions.of(Fixtures.resource("features.json"), Fixtures.resource("scorecard.json"),
                Fixtures.resource("playbooks.json"), "[{\"name\": \"smb\", \"engagementModel\": \"TECH_TOUCH\"}, "
                        + "{\"name\": \"smb\", \"engagementModel\": \"SCALED\"}]"))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("segments$[1].name: segment 'smb' is declared twice; give each segment once");
    }

    @Test
    void of_playbookForAnUndeclaredSegment_failsNamingThePlaybooksPath() {
        assertThatThrownBy(() -> CsDefinitions.of(Fixtures.resource("features.json"), Fixtures.resource("scorecard.json"),
                Fixtures.resource("playbooks-segmented.json")))
                .isInstanceOf(JsonInputException.class)
                .satisfies(e -> assertThat(((JsonInputException) e).path()).startsWith("playbooks$[4].audience.segments"))
                .hasMessageContaining("unknown segment 'smb'");
    }

    private static double score(MiniClusters.Night night, String account) {
        AccountState s = night.state().stream().filter(x -> x.accountId.equals(account)).findFirst().orElseThrow();
        return s.vectors.scores[s.vectors.scores.length - 1];
    }
}
