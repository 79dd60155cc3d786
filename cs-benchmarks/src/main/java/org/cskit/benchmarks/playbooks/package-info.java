/**
 * cskit's playbook engine side by side with general-purpose rule engines (Easy Rules, Drools) and a
 * hand-written floor, over one seeded portfolio and 50 rules: {@link
 * org.cskit.benchmarks.playbooks.PlaybookEngineBenchmark} (whole evaluations, dense and sparse) and
 * {@link org.cskit.benchmarks.playbooks.PlaybookEventBenchmark} (one event, one account). The test
 * {@code EnginesAgreeTest} is the gate: every engine fires the same plays.
 */
package org.cskit.benchmarks.playbooks;
