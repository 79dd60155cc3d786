package org.cskit.model;

/** Where an account stands in its life with the vendor. */
public enum LifecycleStage {
    /** Getting set up, before first value. */
    ONBOARDING,

    /** Rolling out and building usage. */
    ADOPTION,

    /** Using the product as planned. */
    STEADY_STATE,

    /** The renewal decision is near. */
    RENEWAL_WINDOW,

    /** Growing: more seats, products or use cases. */
    EXPANSION,

    /** No longer a customer. */
    CHURNED
}
