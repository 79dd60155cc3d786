/**
 * Reading the user's files for the cskit command: {@link org.cskit.cli.input.CsvFile} reads a CSV
 * file as a stream with Jackson's CSV parser, one row at a time, and its rows parse their cells;
 * {@link org.cskit.cli.input.CsvTable} holds one whole for {@code calibrate}, which needs every row.
 * Every problem is an {@link org.cskit.cli.input.InputException}: one line naming the file, the line
 * and the problem, which the command prints as {@code error: ...} with exit code 2.
 */
package org.cskit.cli.input;
