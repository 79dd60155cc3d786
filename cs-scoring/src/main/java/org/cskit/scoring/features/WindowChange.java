package org.cskit.scoring.features;

/** How a window's aggregate compares with the same aggregate over the window before. */
public enum WindowChange {
    /** {@code current - previous}. */
    ABSOLUTE,
    /** {@code 100 * (current - previous) / |previous|}; missing when the previous value is 0. */
    PERCENT
}
