/**
 * Scoring: turns an account's signals and plan progress into a {@code SuccessVector}.
 *
 * <p>Not built yet: this package holds no API until the scoring issue lands. Nothing here pretends
 * to work.
 */
package org.cskit.scoring;
