/**
 * Test support for hosts and plug-in authors: builders, clocks, a portfolio generator and
 * contract tests.
 *
 * <p>Not built yet: this package holds no API until the testkit issue lands. The architecture
 * rules that guard all of cskit run in this module's tests, because it is the one library module
 * that sees every other.
 */
package org.cskit.testkit;
