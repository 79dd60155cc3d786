package org.cskit.model;

/** A role a person on the customer's side plays for the account. */
public enum StakeholderRole {
    /** Promotes the product inside the customer; at most one per account. */
    CHAMPION,

    /** Owns the desired outcome and the budget; at most one per account. */
    EXECUTIVE_SPONSOR,

    /** Administers the product. */
    ADMIN,

    /** Uses the product. */
    USER
}
