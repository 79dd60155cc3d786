/** cs-flink's internals: state POJOs and the compiled pipeline; free to change. */
package org.cskit.flink.internal;
