package org.cskit.model;

/** Which way an account's {@link SuccessVector} is moving. */
public enum Direction {
    /** The score is rising beyond noise. */
    IMPROVING,

    /** No change beyond noise. */
    FLAT,

    /** The score is falling beyond noise. */
    DECLINING
}
