/**
 * The customer-success domain as immutable values.
 *
 * <p>Start from {@link org.cskit.model.Account} (who the customer is and what they bought) and
 * {@link org.cskit.model.SuccessPlan} (the agreed plan toward the customer's
 * {@link org.cskit.model.DesiredOutcome}). Every type is built through its {@code builder()} or
 * {@code of(...)} factory, checks its invariants when it is built and throws
 * {@link org.cskit.model.ValidationException} naming the field, the value and the rule. A null
 * where a value is required throws {@link java.lang.NullPointerException} naming the field, and
 * building without a required field throws {@link java.lang.IllegalStateException} listing the
 * missing ones (the JSON reader turns both into one line with the JSON path). All types
 * are immutable and safe to share between threads. Dates ({@link java.time.LocalDate}) are UTC
 * calendar days; times are {@link java.time.Instant}s.
 *
 * <p>A plan is made from a segment's {@link org.cskit.model.PlanTemplate} (or from the sales
 * {@link org.cskit.model.SalesHandoff} over one), moves as evidence arrives
 * ({@link org.cskit.model.SuccessPlan#completeByEvidence}) and is reviewed as data
 * ({@link org.cskit.model.SuccessReview#of}); {@link org.cskit.model.RoleHolder} resolves a role
 * to the person of the account who holds it.
 *
 * <p>JSON reading and writing lives in {@link org.cskit.model.json.CsJson}.
 */
@ValueStyle
package org.cskit.model;

import org.cskit.model.internal.ValueStyle;
