package org.cskit.model;

/** How the vendor engages an account or segment. */
public enum EngagementModel {
    /** A named customer success manager and regular meetings. */
    HIGH_TOUCH,

    /** Pooled CSMs, programmes and webinars. */
    SCALED,

    /** Automated, in-product and digital engagement. */
    TECH_TOUCH
}
