/**
 * Reading the user's files for the samples program: {@link org.cskit.samples.input.CsvTable} reads a
 * CSV file whole, its rows parse their cells, and every problem is an
 * {@link org.cskit.samples.input.InputException}: one line naming the file, the line and the problem,
 * which the program prints as {@code error: ...} with exit code 2.
 */
package org.cskit.samples.input;
