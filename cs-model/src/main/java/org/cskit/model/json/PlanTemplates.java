package org.cskit.model.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cskit.model.PlanTemplate;

/**
 * The plan templates cskit ships, as JSON: the onboarding path the seeds describe (days 0-7 setup,
 * 7-30 first value, 30-90 habit) for high-touch, scaled and tech-touch segments. Use them as they
 * are, or copy the JSON and adapt it. Stateless and thread-safe.
 */
public final class PlanTemplates {
    private static final String RESOURCE = "onboarding-templates.json";

    private PlanTemplates() {}

    /**
     * The shipped templates, in a fixed order: {@code onboarding-high-touch},
     * {@code onboarding-scaled}, {@code onboarding-tech-touch}.
     *
     * @return the templates
     */
    public static List<PlanTemplate> builtIns() {
        try (InputStream in = PlanTemplates.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE + " in cs-model");
            }
            return CsJson.create().readList(new String(in.readAllBytes(), StandardCharsets.UTF_8), PlanTemplate.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
