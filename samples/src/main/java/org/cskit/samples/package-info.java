/**
 * Runnable programs that show cskit at work. {@link org.cskit.samples.CsKit} is the program the
 * README's demo command runs: {@code demo} (today the {@link org.cskit.samples.QuickStart}, the
 * README's sample) and {@code calibrate} (fit and judge a scorecard on any labelled CSV); the full
 * demo (scoring and playbooks over a portfolio) arrives with those modules.
 */
package org.cskit.samples;
