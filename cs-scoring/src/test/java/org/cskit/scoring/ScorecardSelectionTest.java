package org.cskit.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.LifecycleStage;
import org.cskit.model.ScorecardId;
import org.cskit.model.Segment;
import org.cskit.model.SuccessVector;
import org.cskit.scoring.ScorecardSelection.Assignment;
import org.junit.jupiter.api.Test;

class ScorecardSelectionTest {
    static Scorecard card(String id) {
        return Scorecard.builder().from(ScoringFixtures.scorecard()).id(ScorecardId.of(id)).build();
    }

    static final Scorecard DEFAULT = card("default");
    static final Scorecard ENTERPRISE = card("enterprise");
    static final Scorecard ONBOARDING = card("onboarding");
    static final Scorecard ENTERPRISE_ONBOARDING = card("enterprise-onboarding");

    static List<Assignment> all() {
        return List.of(
                Assignment.stage(LifecycleStage.ONBOARDING, ONBOARDING),
                Assignment.segment("enterprise", ENTERPRISE),
                Assignment.segmentAndStage("enterprise", LifecycleStage.ONBOARDING, ENTERPRISE_ONBOARDING));
    }

    static ScorecardSelection selection(List<Assignment> assignments) {
        return ScorecardSelection.builder().defaultScorecard(DEFAULT).addAllAssignments(assignments).build();
    }

    @Test
    void select_segmentAndStage_beatsSegment() {
        assertThat(selection(all()).select("enterprise", LifecycleStage.ONBOARDING)).isSameAs(ENTERPRISE_ONBOARDING);
    }

    @Test
    void select_segment_beatsStage() {
        ScorecardSelection s = selection(all().subList(0, 2)); // no segment-and-stage assignment
        assertThat(s.select("enterprise", LifecycleStage.ONBOARDING)).isSameAs(ENTERPRISE);
        assertThat(selection(all()).select("enterprise", LifecycleStage.ADOPTION)).isSameAs(ENTERPRISE);
    }

    @Test
    void select_stage_beatsDefault() {
        assertThat(selection(all()).select("smb", LifecycleStage.ONBOARDING)).isSameAs(ONBOARDING);
    }

    @Test
    void select_noAssignmentMatches_givesTheDefault() {
        assertThat(selection(all()).select("smb", LifecycleStage.ADOPTION)).isSameAs(DEFAULT);
        assertThat(selection(List.of()).select("enterprise", LifecycleStage.ONBOARDING)).isSameAs(DEFAULT);
    }

    @Test
    void select_segmentAndStageMustBothMatch() {
        ScorecardSelection s = selection(List.of(Assignment.segmentAndStage("enterprise", LifecycleStage.ONBOARDING, ENTERPRISE_ONBOARDING)));
        assertThat(s.select("enterprise", LifecycleStage.ADOPTION)).isSameAs(DEFAULT);
        assertThat(s.select("smb", LifecycleStage.ONBOARDING)).isSameAs(DEFAULT);
    }

    @Test
    void select_orderOfAssignments_doesNotMatter() {
        List<Assignment> reversed = new ArrayList<>(all());
        Collections.reverse(reversed);
        for (String segment : List.of("enterprise", "smb")) {
            for (LifecycleStage stage : LifecycleStage.values()) {
                assertThat(selection(reversed).select(segment, stage)).isSameAs(selection(all()).select(segment, stage));
            }
        }
    }

    @Test
    void select_segmentNamesAreCaseSensitive() {
        assertThat(selection(all()).select("Enterprise", LifecycleStage.ADOPTION)).isSameAs(DEFAULT);
    }

    @Test
    void build_segmentNamedStarBesideAStageAssignment_isNotADuplicate() {
        // "*" is a legal segment name; it must not collide with an assignment by stage only.
        ScorecardSelection s = selection(List.of(
                Assignment.stage(LifecycleStage.ONBOARDING, ONBOARDING),
                Assignment.segmentAndStage("*", LifecycleStage.ONBOARDING, ENTERPRISE_ONBOARDING)));

        assertThat(s.select("*", LifecycleStage.ONBOARDING)).isSameAs(ENTERPRISE_ONBOARDING);
        assertThat(s.select("smb", LifecycleStage.ONBOARDING)).isSameAs(ONBOARDING);
    }

    @Test
    void segmentedScoring_scoresWithTheSelectedScorecard_andRecordsIt() {
        SegmentedScoring strategy = SegmentedScoring.of(selection(all()));
        AccountSnapshot enterpriseOnboarding = ScoringFixtures.snapshot(ScoringFixtures.features().set("logins_14d", 60, 14).build())
                .lifecycleStage(LifecycleStage.ONBOARDING).build();
        AccountSnapshot smbAdoption = ScoringFixtures.snapshot(ScoringFixtures.features().set("logins_14d", 60, 14).build())
                .segment(Segment.of("smb", EngagementModel.TECH_TOUCH)).build();

        SuccessVector v = strategy.score(enterpriseOnboarding);
        assertThat(v.scorecardId()).isEqualTo(ScorecardId.of("enterprise-onboarding"));
        assertThat(v).isEqualTo(WeightedScorecard.of(ENTERPRISE_ONBOARDING).score(enterpriseOnboarding));
        assertThat(strategy.score(smbAdoption).scorecardId()).isEqualTo(ScorecardId.of("default"));
        assertThat(strategy.summarize(smbAdoption)).isEqualTo(WeightedScorecard.of(DEFAULT).summarize(smbAdoption));
        assertThat(strategy.name()).isEqualTo("segmented");
        assertThat(strategy.config()).isEqualTo(selection(all()));
    }

    @Test
    void segmentedScoring_sameScorecardInSeveralAssignments_scoresWithEach() {
        SegmentedScoring strategy = SegmentedScoring.of(ScorecardSelection.builder().defaultScorecard(DEFAULT)
                .addAssignments(Assignment.segment("enterprise", DEFAULT), Assignment.stage(LifecycleStage.ONBOARDING, DEFAULT)).build());
        AccountSnapshot s = ScoringFixtures.snapshot(ScoringFixtures.features().set("logins_14d", 60, 14).build()).build();

        assertThat(strategy.score(s)).isEqualTo(WeightedScorecard.of(DEFAULT).score(s));
    }
}
