package org.cskit.playbooks;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cskit.model.Validate;

/**
 * Something that must hold for a playbook to fire: a named field constraint (field, operator,
 * threshold), so that conditions can be shared between playbooks, evaluated once per account,
 * and explained with the value each one saw. Combine them with {@link #allOf}, {@link #anyOf} and
 * {@link #not}. A comparison on a missing feature is false; test for missing data with
 * {@link #absent}. Implementations are immutable and thread-safe.
 *
 * <p>JSON: {@code {"type": "COMPARE", "field": "logins_14d", "op": "LT", "value": 10}},
 * {@code {"type": "COMPARE_FIELDS", "field": "seats_active", "op": "LT", "other": "seats_purchased", "factor": 0.4}},
 * {@code {"type": "IS", "field": "vector.band", "value": "red"}}, {@code IN} with {@code values},
 * {@code PRESENT} and {@code ABSENT} with a {@code field}, {@code ALL_OF} and {@code ANY_OF} with
 * {@code conditions}, {@code NOT} with a {@code condition}.
 *
 * <p>Combinations nest at most {@value #MAX_DEPTH} levels deep (each {@code ALL_OF},
 * {@code ANY_OF} and {@code NOT} is one level); deeper nesting is refused when it is built, so that
 * no reader or evaluator of a definition can run out of stack.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Condition.Compare.class, name = "COMPARE"),
    @JsonSubTypes.Type(value = Condition.CompareFields.class, name = "COMPARE_FIELDS"),
    @JsonSubTypes.Type(value = Condition.Is.class, name = "IS"),
    @JsonSubTypes.Type(value = Condition.In.class, name = "IN"),
    @JsonSubTypes.Type(value = Condition.Present.class, name = "PRESENT"),
    @JsonSubTypes.Type(value = Condition.Absent.class, name = "ABSENT"),
    @JsonSubTypes.Type(value = Condition.AllOf.class, name = "ALL_OF"),
    @JsonSubTypes.Type(value = Condition.AnyOf.class, name = "ANY_OF"),
    @JsonSubTypes.Type(value = Condition.Not.class, name = "NOT")
})
public sealed interface Condition
        permits Condition.Compare, Condition.CompareFields, Condition.Is, Condition.In, Condition.Present, Condition.Absent,
                Condition.AllOf, Condition.AnyOf, Condition.Not {

    /** The kinds of condition, one per subtype: a switch over {@link #kind()} without a default is exhaustive, so a new subtype that is not handled does not compile. */
    enum Kind { COMPARE, COMPARE_FIELDS, IS, IN, PRESENT, ABSENT, ALL_OF, ANY_OF, NOT }

    /**
     * Which kind this is.
     *
     * @return the kind
     */
    @JsonIgnore
    Kind kind();

    /** The deepest nesting of {@code ALL_OF}, {@code ANY_OF} and {@code NOT}. */
    int MAX_DEPTH = 32;

    /**
     * The field names this condition reads.
     *
     * @return the names, in the order they appear
     */
    Set<String> fields();

    /**
     * A numeric comparison: {@code field op value}.
     *
     * @param field a numeric built-in field or a feature
     * @param op the operator
     * @param value the threshold, finite
     */
    record Compare(String field, Operator op, double value) implements Condition {
        @Override
        public Kind kind() {
            return Kind.COMPARE;
        }

        /**
         * Checks the comparison.
         *
         * @throws org.cskit.model.ValidationException if the field is blank, the operator missing or the value not finite
         */
        public Compare {
            Validate.nonBlank("field", field);
            Validate.present("op", op);
            Validate.finite("value", value);
            if (Fields.TEXT.contains(field)) {
                throw Validate.invalid("field", "field '" + field + "' is text; compare it with IS or IN, not " + op);
            }
        }

        @Override
        public Set<String> fields() {
            return Set.of(field);
        }
    }

    /**
     * Two numeric fields compared: {@code field op other x factor}, such as
     * {@code seats_active < seats_purchased x 0.4}. False when either is missing.
     *
     * @param field a numeric field or feature
     * @param op the operator
     * @param other another numeric field or feature
     * @param factor what {@code other} is multiplied by; finite and not 0 (use 1 to compare the fields as they are)
     */
    record CompareFields(String field, Operator op, String other, double factor) implements Condition {
        @Override
        public Kind kind() {
            return Kind.COMPARE_FIELDS;
        }

        /**
         * Checks the comparison.
         *
         * @throws org.cskit.model.ValidationException if a field is blank or text, the operator
         *     missing, or the factor 0 or not finite
         */
        public CompareFields {
            Validate.nonBlank("field", field);
            Validate.present("op", op);
            Validate.nonBlank("other", other);
            Validate.finite("factor", factor);
            if (factor == 0) {
                throw Validate.invalid("factor", "factor must not be 0 (it multiplies '" + other + "'); give 1 to compare the two fields as they are");
            }
            for (String f : List.of(field, other)) {
                if (Fields.TEXT.contains(f)) {
                    throw Validate.invalid(f.equals(field) ? "field" : "other", "field '" + f + "' is text; COMPARE_FIELDS compares numbers");
                }
            }
        }

        @Override
        public Set<String> fields() {
            Set<String> both = new LinkedHashSet<>();
            both.add(field);
            both.add(other);
            return both;
        }
    }

    /**
     * A text equality: {@code field == value}, for band labels, directions, stages and segments.
     *
     * @param field a text built-in field
     * @param value the text
     */
    record Is(String field, String value) implements Condition {
        @Override
        public Kind kind() {
            return Kind.IS;
        }

        /**
         * Checks the condition.
         *
         * @throws org.cskit.model.ValidationException if the field is not a text field or the value is blank
         */
        public Is {
            requireText(field);
            Validate.nonBlank("value", value);
        }

        @Override
        public Set<String> fields() {
            return Set.of(field);
        }
    }

    /**
     * A text membership: the field's value is one of the values.
     *
     * @param field a text built-in field
     * @param values the accepted values, at least one
     */
    record In(String field, List<String> values) implements Condition {
        @Override
        public Kind kind() {
            return Kind.IN;
        }

        /**
         * Checks the condition.
         *
         * @throws org.cskit.model.ValidationException if the field is not a text field or there is no value
         */
        public In {
            requireText(field);
            Validate.present("values", values);
            if (values.isEmpty()) {
                throw Validate.invalid("values", "IN needs at least one value, but values was empty");
            }
            for (int i = 0; i < values.size(); i++) {
                Validate.nonBlank("values[" + i + "]", values.get(i));
            }
            values = List.copyOf(values);
        }

        @Override
        public Set<String> fields() {
            return Set.of(field);
        }
    }

    /**
     * The field has a value: a present feature, or a vector where a vector field is read.
     *
     * @param field the field
     */
    record Present(String field) implements Condition {
        @Override
        public Kind kind() {
            return Kind.PRESENT;
        }

        /**
         * Checks the condition.
         *
         * @throws org.cskit.model.ValidationException if the field is blank
         */
        public Present {
            Validate.nonBlank("field", field);
        }

        @Override
        public Set<String> fields() {
            return Set.of(field);
        }
    }

    /**
     * The field has no value, such as an account with no success plan ({@code plan.present} is 0,
     * which is a value) or a metric never measured ({@code outcome.attainment} is absent).
     *
     * @param field the field
     */
    record Absent(String field) implements Condition {
        @Override
        public Kind kind() {
            return Kind.ABSENT;
        }

        /**
         * Checks the condition.
         *
         * @throws org.cskit.model.ValidationException if the field is blank
         */
        public Absent {
            Validate.nonBlank("field", field);
        }

        @Override
        public Set<String> fields() {
            return Set.of(field);
        }
    }

    /**
     * Every condition holds.
     *
     * @param conditions at least one
     */
    record AllOf(List<Condition> conditions) implements Condition {
        @Override
        public Kind kind() {
            return Kind.ALL_OF;
        }

        /**
         * Checks the combination.
         *
         * @throws org.cskit.model.ValidationException if there is no condition
         */
        public AllOf {
            conditions = requireSome(conditions, "ALL_OF");
            requireDepth("conditions", conditions);
        }

        @Override
        public Set<String> fields() {
            return union(conditions);
        }
    }

    /**
     * At least one condition holds.
     *
     * @param conditions at least one
     */
    record AnyOf(List<Condition> conditions) implements Condition {
        @Override
        public Kind kind() {
            return Kind.ANY_OF;
        }

        /**
         * Checks the combination.
         *
         * @throws org.cskit.model.ValidationException if there is no condition
         */
        public AnyOf {
            conditions = requireSome(conditions, "ANY_OF");
            requireDepth("conditions", conditions);
        }

        @Override
        public Set<String> fields() {
            return union(conditions);
        }
    }

    /**
     * The condition does not hold.
     *
     * @param condition the negated condition
     */
    record Not(Condition condition) implements Condition {
        @Override
        public Kind kind() {
            return Kind.NOT;
        }

        /**
         * Checks the negation.
         *
         * @throws org.cskit.model.ValidationException if the condition is missing
         */
        public Not {
            Validate.present("condition", condition);
            requireDepth("condition", List.of(condition));
        }

        @Override
        public Set<String> fields() {
            return condition.fields();
        }
    }

    /**
     * {@code field op value}.
     *
     * @param field a numeric field or feature
     * @param op the operator
     * @param value the threshold
     * @return the condition
     */
    static Condition compare(String field, Operator op, double value) {
        return new Compare(field, op, value);
    }

    /**
     * {@code field op other x factor}.
     *
     * @param field a numeric field or feature
     * @param op the operator
     * @param other another numeric field or feature
     * @param factor what {@code other} is multiplied by
     * @return the condition
     */
    static Condition compareFields(String field, Operator op, String other, double factor) {
        return new CompareFields(field, op, other, factor);
    }

    /**
     * {@code field == value} for a text field.
     *
     * @param field a text field
     * @param value the text
     * @return the condition
     */
    static Condition is(String field, String value) {
        return new Is(field, value);
    }

    /**
     * The text field's value is one of the values.
     *
     * @param field a text field
     * @param values the accepted values
     * @return the condition
     */
    static Condition in(String field, String... values) {
        return new In(field, List.of(values));
    }

    /**
     * The field has a value.
     *
     * @param field the field
     * @return the condition
     */
    static Condition present(String field) {
        return new Present(field);
    }

    /**
     * The field has no value.
     *
     * @param field the field
     * @return the condition
     */
    static Condition absent(String field) {
        return new Absent(field);
    }

    /**
     * Every condition holds.
     *
     * @param conditions the conditions
     * @return the condition
     */
    static Condition allOf(Condition... conditions) {
        return new AllOf(List.of(conditions));
    }

    /**
     * At least one condition holds.
     *
     * @param conditions the conditions
     * @return the condition
     */
    static Condition anyOf(Condition... conditions) {
        return new AnyOf(List.of(conditions));
    }

    /**
     * The condition does not hold.
     *
     * @param condition the condition
     * @return the negation
     */
    static Condition not(Condition condition) {
        return new Not(condition);
    }

    private static void requireText(String field) {
        Validate.nonBlank("field", field);
        if (!Fields.TEXT.contains(field)) {
            throw Validate.invalid("field", "field '" + field + "' is not a text field; text fields are "
                    + String.join(", ", Fields.TEXT) + " (compare numbers and features with COMPARE)");
        }
    }

    private static List<Condition> requireSome(List<Condition> conditions, String kind) {
        Validate.present("conditions", conditions);
        if (conditions.isEmpty()) {
            throw Validate.invalid("conditions", kind + " needs at least one condition, but conditions was empty");
        }
        for (int i = 0; i < conditions.size(); i++) {
            Validate.present("conditions[" + i + "]", conditions.get(i));
        }
        return List.copyOf(conditions);
    }

    private static void requireDepth(String field, List<Condition> children) {
        int deepest = 0;
        for (Condition c : children) {
            deepest = Math.max(deepest, depth(c));
        }
        if (deepest + 1 > MAX_DEPTH) {
            throw Validate.invalid(field, "conditions nest " + (deepest + 1) + " levels deep, but at most " + MAX_DEPTH
                    + " are allowed (each ALL_OF, ANY_OF and NOT is one level)");
        }
    }

    /** Levels of combination; a leaf is 0. Children were checked when built, so this recurses at most MAX_DEPTH deep. */
    private static int depth(Condition c) {
        if (c instanceof Not n) {
            return 1 + depth(n.condition());
        }
        List<Condition> children = c instanceof AllOf a ? a.conditions() : c instanceof AnyOf o ? o.conditions() : List.of();
        int deepest = -1;
        for (Condition child : children) {
            deepest = Math.max(deepest, depth(child));
        }
        return deepest + 1;
    }

    private static Set<String> union(List<Condition> conditions) {
        Set<String> all = new LinkedHashSet<>();
        conditions.forEach(c -> all.addAll(c.fields()));
        return all;
    }
}
