package org.cskit.model;

/**
 * A group of accounts that share a desired outcome and an engagement model, such as
 * {@code enterprise-emea} engaged {@link EngagementModel#HIGH_TOUCH}. The attributes that put an
 * account in a segment (contract value, industry, region, size...) are the account's own
 * {@link Account#attributes()}. Immutable and thread-safe.
 *
 * @param name the segment's name, non-blank; scorecards and playbooks refer to it
 * @param engagementModel how the vendor engages accounts of the segment
 */
public record Segment(String name, EngagementModel engagementModel) {

    /**
     * Checks the segment.
     *
     * @throws ValidationException if the name is blank or the engagement model is null
     */
    public Segment {
        Validate.nonBlank("name", name);
        if (engagementModel == null) {
            throw Validate.invalid("engagementModel", "engagementModel must not be null");
        }
    }

    /**
     * Returns a segment.
     *
     * @param name the segment's name
     * @param engagementModel how the vendor engages it
     * @return the segment
     * @throws ValidationException if the name is blank or the engagement model is null
     */
    public static Segment of(String name, EngagementModel engagementModel) {
        return new Segment(name, engagementModel);
    }
}
