/** Implementation details of cs-playbooks; not exported, free to change. */
package org.cskit.playbooks.internal;
