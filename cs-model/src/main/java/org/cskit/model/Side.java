package org.cskit.model;

/** The two sides of a customer relationship. */
public enum Side {
    /** Us: the company that sells the product. */
    VENDOR,

    /** The customer's organisation. */
    CUSTOMER
}
