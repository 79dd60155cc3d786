package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.model.Violations.assertViolation;

import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IdentifiersTest {

    static Stream<Arguments> ids() {
        return Stream.of(
                Arguments.of("accountId", (Function<String, Object>) AccountId::of),
                Arguments.of("metricId", (Function<String, Object>) MetricId::of),
                Arguments.of("milestoneId", (Function<String, Object>) MilestoneId::of),
                Arguments.of("personId", (Function<String, Object>) PersonId::of),
                Arguments.of("planId", (Function<String, Object>) PlanId::of),
                Arguments.of("scorecardId", (Function<String, Object>) ScorecardId::of),
                Arguments.of("signalId", (Function<String, Object>) SignalId::of));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void of_null_isRejectedWithEmptyField(String name, Function<String, Object> of) {
        assertViolation(() -> of.apply(null), "", name + " must not be null");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void of_blank_isRejectedWithEmptyField(String name, Function<String, Object> of) {
        assertViolation(() -> of.apply(" \t"), "", name + " must not be blank, but was ' \\t'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void of_empty_isRejectedAsBlank(String name, Function<String, Object> of) {
        assertViolation(() -> of.apply(""), "", name + " must not be blank, but was ''");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void of_201Characters_isRejectedWithTheFirst40Shown(String name, Function<String, Object> of) {
        String tooLong = "abcdefghij".repeat(20) + "k";
        assertViolation(() -> of.apply(tooLong), "", name + " must be at most 200 characters, but was 201 characters: '"
                + "abcdefghijabcdefghijabcdefghijabcdefghij...'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void of_200Characters_isAccepted(String name, Function<String, Object> of) {
        String longest = "x".repeat(200);
        assertThat(of.apply(longest)).hasToString(longest);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void equals_caseAndSpacesMatter(String name, Function<String, Object> of) {
        assertThat(of.apply("acme")).isEqualTo(of.apply("acme"));
        assertThat(of.apply("acme")).hasSameHashCodeAs(of.apply("acme"));
        assertThat(of.apply("acme")).isNotEqualTo(of.apply("Acme"));
        assertThat(of.apply("acme")).isNotEqualTo(of.apply("acme "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ids")
    void toString_isTheValue(String name, Function<String, Object> of) {
        assertThat(of.apply(" a b ")).hasToString(" a b ");
    }

    @Test
    void constructor_checksLikeOf() {
        assertViolation(() -> new AccountId(" "), "", "accountId must not be blank, but was ' '");
        assertViolation(() -> new SignalId(null), "", "signalId must not be null");
    }

    @Test
    void compareTo_ordersByText() {
        assertThat(AccountId.of("a")).isLessThan(AccountId.of("b"));
        assertThat(MetricId.of("b")).isGreaterThan(MetricId.of("a"));
        assertThat(MilestoneId.of("m")).isEqualByComparingTo(MilestoneId.of("m"));
        assertThat(PersonId.of("B")).isLessThan(PersonId.of("a"));
        assertThat(PlanId.of("p1")).isLessThan(PlanId.of("p2"));
        assertThat(ScorecardId.of("s2")).isGreaterThan(ScorecardId.of("s1"));
        assertThat(SignalId.of("x")).isLessThan(SignalId.of("y"));
    }
}
