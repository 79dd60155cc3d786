/** Implementation details of cs-scoring; not exported, free to change. */
package org.cskit.scoring.internal;
