/** Implementation details of cs-portfolio; not exported, free to change. */
package org.cskit.scoring.portfolio.internal;
