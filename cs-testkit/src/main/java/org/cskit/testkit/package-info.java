/**
 * Test support for hosts and plug-in authors: a {@link org.cskit.testkit.TestClock}, builders with
 * valid defaults ({@link org.cskit.testkit.TestAccounts}, {@link org.cskit.testkit.TestPlans},
 * {@link org.cskit.testkit.TestSnapshots}, {@link org.cskit.testkit.TestVectors},
 * {@link org.cskit.testkit.TestPlays}), assertions for vectors and plays
 * ({@link org.cskit.testkit.CsAssertions}) and a {@link org.cskit.testkit.CollectingActionSink}.
 * The seeded portfolio generator with known outcomes is cs-datagen's
 * {@link org.cskit.datagen.PortfolioGenerator}, which this module brings along.
 * The contract tests for the SPIs are in {@code org.cskit.testkit.tck}.
 *
 * <p>The architecture rules that guard all of cskit run in this module's tests, because it is the
 * one library module that sees every other.
 */
package org.cskit.testkit;
