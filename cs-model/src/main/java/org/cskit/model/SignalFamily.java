package org.cskit.model;

/** The kind of fact a {@link Signal} reports. */
public enum SignalFamily {
    /** Product usage: frequency, key-feature adoption depth and breadth, licence utilisation. */
    USAGE,

    /** Engagement: meetings, training, executive involvement. */
    ENGAGEMENT,

    /** Support: ticket volume, severity, time to resolve, repeats. */
    SUPPORT,

    /** Sentiment: NPS, CSAT, CES. */
    SENTIMENT,

    /** Financial: late or failed payments. */
    FINANCIAL,

    /** Relationship: champion or sponsor change, opt-outs. */
    RELATIONSHIP,

    /** Outcome: the success plan's own metrics. */
    OUTCOME
}
