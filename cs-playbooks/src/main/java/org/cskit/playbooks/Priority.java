package org.cskit.playbooks;

/**
 * How urgent a playbook's plays are, by name rather than by a number whose direction nobody
 * remembers. Within a mutual-exclusion group the most urgent playbook wins.
 */
public enum Priority {
    /** Can wait. */
    LOW,
    /** The default. */
    NORMAL,
    /** Needs attention this week. */
    HIGH,
    /** Needs attention today. */
    URGENT
}
