package org.cskit.model;

/** A channel through which the vendor engages the customer. */
public enum Channel {
    /** Email. */
    EMAIL,

    /** Messages inside the product. */
    IN_APP,

    /** Phone calls. */
    PHONE,

    /** Video meetings. */
    VIDEO_CALL,

    /** Meetings in person. */
    ONSITE,

    /** Webinars and group sessions. */
    WEBINAR,

    /** Forums and user groups. */
    COMMUNITY,

    /** Chat and messaging. */
    CHAT
}
