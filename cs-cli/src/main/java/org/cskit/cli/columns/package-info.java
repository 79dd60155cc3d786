/** The {@code columns} command: playbooks over a whole portfolio held as columns, cskit's fast path. */
package org.cskit.cli.columns;
