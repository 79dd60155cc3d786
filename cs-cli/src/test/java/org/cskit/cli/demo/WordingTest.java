package org.cskit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.Playbook;
import org.junit.jupiter.api.Test;

/** Counts read as English (issue 17, item 17): no "1 days" or "2 plays for 1 accounts". */
class WordingTest {
    /** A placeholder followed by a plural noun, which reads "1 days" when the value is 1. */
    private static final Pattern COUNT_BEFORE_PLURAL = Pattern.compile("\\}\\}\\s+(\\w+\\s+)?\\w+s\\b");

    @Test
    void count_isSingularForOne() {
        assertThat(Playbooks.count(0, 1, "play")).isEqualTo("1 play");
        assertThat(Playbooks.count(0, 2, "play")).isEqualTo("2 plays");
        assertThat(Playbooks.count(4, 1, "account")).isEqualTo("   1 account");
        assertThat(Playbooks.count(0, 0, "account")).isEqualTo("0 accounts");
    }

    @Test
    void builtInAndSampleTemplates_doNotPutACountBeforeAPluralNoun() throws IOException {
        for (Playbook p : BuiltInPlaybooks.all()) {
            for (Action a : p.actions()) {
                assertThat(text(a)).as("%s", p.id()).doesNotContainPattern(COUNT_BEFORE_PLURAL);
            }
        }
        try (InputStream in = WordingTest.class.getResourceAsStream("/org/cskit/cli/columns/playbooks.json")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).doesNotContainPattern(COUNT_BEFORE_PLURAL);
        }
    }

    private static String text(Action a) {
        if (a instanceof Action.Task t) {
            return t.title().text();
        }
        if (a instanceof Action.Message m) {
            return m.body().text();
        }
        if (a instanceof Action.AddMilestone m) {
            return m.name().text();
        }
        return a instanceof Action.ScheduleReview r ? r.agenda().text() : ((Action.Tag) a).tag();
    }
}
