/**
 * Small teaching programs, the README's code samples: {@link org.cskit.samples.QuickStart} (read an
 * account and ask where the customer stands), {@link org.cskit.samples.PlanLifecycle} (a success
 * plan that completes by evidence) and {@link org.cskit.samples.ScoringExample} (a scorecard that
 * explains itself). The command-line product ({@code cskit demo}, {@code score}, {@code calibrate}...)
 * is the cs-cli module.
 */
package org.cskit.samples;
