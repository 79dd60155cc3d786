/**
 * Feature derivation: turns an account's raw {@link org.cskit.model.Signal}s into
 * {@link org.cskit.model.Features} as of a time, with {@link org.cskit.scoring.features.FeatureDeriver}
 * and a list of {@link org.cskit.scoring.features.FeatureDefinition}s (windowed aggregates, their
 * change against the window before, and trends over several periods).
 */
@ValueStyle
package org.cskit.scoring.features;

import org.cskit.scoring.internal.ValueStyle;
