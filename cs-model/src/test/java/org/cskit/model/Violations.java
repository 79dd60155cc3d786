package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts that building a value breaks a rule: a {@link ValidationException} with an exact message and field. */
public final class Violations {
    private Violations() {}

    public static void assertViolation(ThrowingCallable build, String field, String message) {
        assertThatThrownBy(build).isInstanceOfSatisfying(ValidationException.class, e -> {
            assertThat(e.getMessage()).isEqualTo(message);
            assertThat(e.field()).isEqualTo(field);
        });
    }
}
