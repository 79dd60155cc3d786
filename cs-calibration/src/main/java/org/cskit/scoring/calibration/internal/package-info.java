/** Implementation details of cs-calibration; not exported, free to change. */
package org.cskit.scoring.calibration.internal;
