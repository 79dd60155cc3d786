package org.cskit.model;

/** What a {@link Milestone} marks on the way to the desired outcome. */
public enum MilestoneKind {
    /** The product is set up: accounts, integrations, data. */
    SETUP,

    /** The customer sees the first real result; time to first value ends here. */
    FIRST_VALUE,

    /** Usage reaches the planned depth or breadth. */
    ADOPTION,

    /** The product reaches the planned teams or sites. */
    ROLLOUT,

    /** More seats, products or use cases. */
    EXPANSION,

    /** The contract is renewed. */
    RENEWAL,

    /** A business review with the customer. */
    REVIEW,

    /** Any other step. */
    OTHER
}
