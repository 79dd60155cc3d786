package org.cskit.model;

/** The lifecycle of a {@link SuccessPlan}. */
public enum PlanStatus {
    /** Being written; not yet agreed with the customer. */
    DRAFT,

    /** Agreed and being worked; needs responsibilities on both sides. */
    ACTIVE,

    /** The desired outcome was reached. */
    ACHIEVED,

    /** Ended without reaching the outcome (replaced or abandoned). */
    CLOSED
}
