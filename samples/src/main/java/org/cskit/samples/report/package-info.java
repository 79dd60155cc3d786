/** What the samples' HTML reports share: escaping and number formats ({@link org.cskit.samples.report.Html}). */
package org.cskit.samples.report;
