package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.model.Violations.assertViolation;

import java.time.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppropriateExperienceTest {

    private static AppropriateExperience.Builder experience() {
        return AppropriateExperience.builder()
                .engagementModel(EngagementModel.SCALED)
                .addChannels(Channel.EMAIL)
                .cadence(Period.ofDays(14));
    }

    @Test
    void build_noChannels_isRejected() {
        assertViolation(() -> AppropriateExperience.builder().engagementModel(EngagementModel.SCALED)
                        .cadence(Period.ofDays(14)).build(),
                "channels", "channels must name at least one channel, but was empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"P0D", "P-14D", "P1M-40D"})
    void build_cadenceNotPositive_isRejected(String cadence) {
        assertViolation(() -> experience().cadence(Period.parse(cadence)).build(), "cadence",
                "cadence must be a positive period such as P14D or P1M, but was " + Period.parse(cadence));
    }

    @Test
    void build_blankConstraint_isRejectedAtItsIndex() {
        assertViolation(() -> experience().addConstraints("EU data only", "  ").build(), "constraints[1]",
                "constraints[1] must not be blank, but was '  '");
    }

    @Test
    void build_valid_keepsConstraintsInOrder() {
        AppropriateExperience e = experience().addConstraints("EU data only", "German speakers").build();

        assertThat(e.constraints()).containsExactly("EU data only", "German speakers");
    }

    @Test
    void collections_returned_areUnmodifiable() {
        AppropriateExperience e = experience().addConstraints("EU data only").build();

        assertThatThrownBy(() -> e.channels().add(Channel.PHONE)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.constraints().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
