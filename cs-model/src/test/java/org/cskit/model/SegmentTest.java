package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import org.junit.jupiter.api.Test;

class SegmentTest {

    @Test
    void of_nullName_isRejected() {
        assertViolation(() -> Segment.of(null, EngagementModel.SCALED), "name", "name must not be null");
    }

    @Test
    void of_blankName_isRejected() {
        assertViolation(() -> Segment.of("  ", EngagementModel.SCALED), "name", "name must not be blank, but was '  '");
    }

    @Test
    void of_nullEngagementModel_isRejected() {
        assertViolation(() -> Segment.of("smb", null), "engagementModel", "engagementModel must not be null");
    }

    @Test
    void of_valid_keepsBoth() {
        Segment s = Segment.of("enterprise-emea", EngagementModel.HIGH_TOUCH);

        assertThat(s.name()).isEqualTo("enterprise-emea");
        assertThat(s.engagementModel()).isEqualTo(EngagementModel.HIGH_TOUCH);
    }
}
