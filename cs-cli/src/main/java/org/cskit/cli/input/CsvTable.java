package org.cskit.cli.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file held whole, for the readers that need every row at once ({@code calibrate} infers each
 * column's kind from all its cells and fits on them): read through {@link CsvFile}, so with its format
 * and its messages, then kept as text cells.
 *
 * @param file the file
 * @param header the column names, trimmed
 * @param rows the data rows, cells as in the file
 * @param lines the file line each data row starts on (1-based), for messages
 */
public record CsvTable(Path file, List<String> header, List<List<String>> rows, List<Integer> lines) {

    /**
     * Reads a CSV file whole.
     *
     * @param file the file
     * @return the table
     * @throws InputException naming the file and line, if it cannot be read or is malformed
     */
    public static CsvTable read(Path file) {
        List<List<String>> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        List<List<String>> header = new ArrayList<>(1);
        CsvFile.of(file).forEach(row -> {
            if (header.isEmpty()) {
                header.add(row.header());
            }
            rows.add(row.cells());
            lines.add(row.line());
        });
        return new CsvTable(file, header.get(0), List.copyOf(rows), List.copyOf(lines));
    }

    /**
     * The position of a column.
     *
     * @param name the column's name
     * @return its index, or -1
     */
    public int indexOf(String name) {
        return header.indexOf(name);
    }

    /**
     * One column's cells.
     *
     * @param index the column's index
     * @return its cells, one per row
     */
    public List<String> column(int index) {
        List<String> out = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            out.add(row.get(index));
        }
        return out;
    }
}
