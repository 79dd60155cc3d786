package org.cskit.model;

/** A role on the vendor's account team. */
public enum AccountTeamRole {
    /** Owns the customer's journey to their outcome. */
    CUSTOMER_SUCCESS_MANAGER,

    /** Owns the commercial relationship. */
    ACCOUNT_EXECUTIVE,

    /** Owns the technical design. */
    SOLUTIONS_ENGINEER,

    /** Owns support cases. */
    SUPPORT_ENGINEER,

    /** A vendor executive paired with the customer's sponsor. */
    EXECUTIVE_SPONSOR,

    /** Any other role. */
    OTHER
}
