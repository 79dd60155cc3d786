package org.cskit.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What makes a {@link Milestone} complete: a plan metric reaching a threshold
 * ({@link MetricThreshold}) or a person's sign-off ({@link SignOff}). In JSON the {@code type}
 * property tells which: {@code METRIC_THRESHOLD} or {@code SIGN_OFF}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = MetricThreshold.class, name = "METRIC_THRESHOLD"),
    @JsonSubTypes.Type(value = SignOff.class, name = "SIGN_OFF")
})
public sealed interface CompletionCriterion permits MetricThreshold, SignOff {}
