/** Implementation details of cs-model; not exported, free to change. */
package org.cskit.model.internal;
