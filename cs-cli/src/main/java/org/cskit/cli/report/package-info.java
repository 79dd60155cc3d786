/** What the cskit command's HTML reports share: escaping and number formats ({@link org.cskit.cli.report.Html}) and inline SVG charts ({@link org.cskit.cli.report.Svg}). */
package org.cskit.cli.report;
