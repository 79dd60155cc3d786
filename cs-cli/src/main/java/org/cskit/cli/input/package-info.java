/**
 * Reading the user's files for the cskit command: {@link org.cskit.cli.input.CsvTable} reads a
 * CSV file whole, its rows parse their cells, and every problem is an
 * {@link org.cskit.cli.input.InputException}: one line naming the file, the line and the problem,
 * which the program prints as {@code error: ...} with exit code 2.
 */
package org.cskit.cli.input;
