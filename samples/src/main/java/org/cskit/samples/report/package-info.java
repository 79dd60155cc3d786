/** What the samples' HTML reports share: escaping and number formats ({@link org.cskit.samples.report.Html}) and inline SVG charts ({@link org.cskit.samples.report.Svg}). */
package org.cskit.samples.report;
