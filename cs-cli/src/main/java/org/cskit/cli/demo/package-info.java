/**
 * The portfolio commands of the cskit command: {@link org.cskit.cli.demo.Demo} (score every
 * account monthly, run the built-in playbooks, write an HTML report), {@link org.cskit.cli.demo.Score}
 * (write the vectors) and {@link org.cskit.cli.demo.Playbooks} (print the queue of plays, or a
 * dry run over every month of the data), on RavenStack-format CSV files or, with {@code --generated N},
 * on a portfolio cs-datagen's {@code PortfolioGenerator} makes from a seed, whose known outcomes the
 * report compares with the bands.
 */
package org.cskit.cli.demo;
