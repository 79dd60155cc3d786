/**
 * Encodings behind cs-jdbc's tables; free to change, never used from another module.
 */
package org.cskit.jdbc.internal;
