package org.cskit.model;

/** How serious a {@link Risk} to the plan is. */
public enum RiskLevel {
    /** Worth watching. */
    LOW,

    /** Needs a mitigation. */
    MEDIUM,

    /** Threatens the desired outcome. */
    HIGH
}
