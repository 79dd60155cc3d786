package org.cskit.cli.demo;

import java.time.LocalDate;

/**
 * The demo's portfolio with what it came from.
 *
 * @param data the data
 * @param asOf the as-of day
 * @param strategy the scoring strategy
 * @param scored what the report shows of the scored portfolio, its playbooks and dashboard
 */
record DemoRun(PortfolioSource data, LocalDate asOf, Strategy strategy, DemoPortfolio scored) {}
