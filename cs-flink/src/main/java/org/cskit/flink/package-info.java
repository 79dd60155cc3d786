/**
 * cskit's scorecards and playbooks as Apache Flink operators keyed by account. The entry point is
 * {@link org.cskit.flink.CsFlink}; the definitions travel as JSON in
 * {@link org.cskit.flink.CsDefinitions}; records in and out are the POJOs
 * {@link org.cskit.flink.AccountInput} and {@link org.cskit.flink.PlayRecord}.
 */
package org.cskit.flink;
