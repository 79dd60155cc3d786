package org.cskit.cli.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonErrorsTest {
    private static final String JSON = """
            [ {
              "id": "a",
              "trigger": { "type": "THRESHOLD", "field": "x", "op": "LT", "value": 1 },
              "conditions": [
                { "type": "COMPARE", "field": "y", "op": "GE", "value": 2 },
                { "type": "COMPARE",
                  "field": "z", "op": "GE", "value": 3 }
              ]
            } ]
            """;

    @Test
    void lineOf_nestedPaths_theLineOfTheValue() {
        assertThat(JsonErrors.lineOf(JSON, "$")).isEqualTo(1);
        assertThat(JsonErrors.lineOf(JSON, "$[0].id")).isEqualTo(2);
        assertThat(JsonErrors.lineOf(JSON, "$[0].trigger.field")).isEqualTo(3);
        assertThat(JsonErrors.lineOf(JSON, "$[0].conditions[1]")).isEqualTo(6);
        assertThat(JsonErrors.lineOf(JSON, "$[0].conditions[1].field")).isEqualTo(7);
    }

    @Test
    void lineOf_pathNotInTheText_theNearestEnclosingValue() {
        assertThat(JsonErrors.lineOf(JSON, "$[0].conditions[1].window")).as("a missing property: its object").isEqualTo(6);
        assertThat(JsonErrors.lineOf(JSON, "$[3]")).isEqualTo(1);
    }

    @Test
    void of_problemWithoutALocation_namesTheSourceAndTheLine() {
        InputException e = JsonErrors.of("rules.json", JSON, "$[0].conditions[0].field", "unknown feature 'y'");

        assertThat(e).hasMessage("rules.json:5: $[0].conditions[0].field: unknown feature 'y'");
    }

    @Test
    void of_malformedText_theParsersLine() {
        InputException e = JsonErrors.of("rules.json", "{\n  \"a\": 1,\n  \"b\" 2\n}",
                new org.cskit.model.json.JsonInputException("$.b", "malformed JSON: expected ':'", "line 3, column 7", null));

        assertThat(e).hasMessage("rules.json:3: $.b: malformed JSON: expected ':'");
    }
}
