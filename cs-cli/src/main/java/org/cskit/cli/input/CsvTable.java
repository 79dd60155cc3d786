package org.cskit.cli.input;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cskit.model.Validate;

/**
 * A CSV file read whole: a header and rows of text cells (RFC 4180: comma separated, fields may be
 * quoted with {@code "}, a doubled quote inside quotes is a quote; LF or CRLF line ends; a UTF-8
 * byte-order mark is skipped). Every row must have as many cells as the header.
 *
 * @param file the file
 * @param headerLine the file line the header is on (1-based), for messages
 * @param header the column names
 * @param rows the data rows
 * @param lines the file line each data row starts on (1-based), for messages
 */
public record CsvTable(Path file, int headerLine, List<String> header, List<List<String>> rows, List<Integer> lines) {
    /** A plain decimal number, with an optional exponent; no sign but a plus, no hex, no suffix, no NaN. */
    private static final Pattern DECIMAL = Pattern.compile("\\+?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");
    /** The largest number a cell may hold, so that sums over millions of cells stay finite. */
    public static final double MAX_NUMBER = 1e12;


    /**
     * Reads a CSV file.
     *
     * @param file the file
     * @return the table
     * @throws InputException naming the file and line, if it cannot be read or is malformed
     */
    public static CsvTable read(Path file) {
        String text = TextFiles.read(file);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        int i = 0;
        int n = text.length();
        boolean quoted = false;
        boolean wasQuoted = false;
        int quoteLine = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                if (c == '\n') {
                    line++;
                }
                cell.append(c);
                i++;
                continue;
            }
            if (c == '"') {
                if (cell.length() > 0 || wasQuoted) {
                    throw new InputException(file + ":" + line + ": a quote inside an unquoted field");
                }
                quoted = true;
                wasQuoted = true;
                quoteLine = line;
                i++;
            } else if (c == ',') {
                record.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
                i++;
            } else if (c == '\r' || c == '\n') {
                record.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
                if (!(record.size() == 1 && record.get(0).isEmpty())) {
                    records.add(record);
                    starts.add(recordLine);
                }
                record = new ArrayList<>();
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                line++;
                recordLine = line;
            } else {
                if (wasQuoted) {
                    throw new InputException(file + ":" + line + ": text after a closing quote");
                }
                cell.append(c);
                i++;
            }
        }
        if (quoted) {
            throw new InputException(file + ":" + quoteLine + ": a quoted field is never closed");
        }
        if (cell.length() > 0 || wasQuoted || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record);
            starts.add(recordLine);
        }
        if (records.isEmpty()) {
            throw new InputException(file + ": empty file, expected a header line");
        }
        List<String> header = records.get(0);
        for (int h = 0; h < header.size(); h++) {
            String name = header.get(h).trim();
            if (name.isEmpty()) {
                throw new InputException(file + ":" + starts.get(0) + ": header column " + (h + 1) + " has no name");
            }
            if (header.subList(0, h).stream().anyMatch(x -> x.trim().equals(name))) {
                throw new InputException(file + ":" + starts.get(0) + ": duplicate column '" + name + "' in the header");
            }
        }
        List<String> names = header.stream().map(String::trim).toList();
        for (int r = 1; r < records.size(); r++) {
            if (records.get(r).size() != names.size()) {
                throw new InputException(file + ":" + starts.get(r) + ": expected " + names.size() + " fields as in the header, but found "
                        + records.get(r).size());
            }
        }
        if (records.size() < 2) {
            throw new InputException(file + ": no data rows after the header");
        }
        return new CsvTable(file, starts.get(0), names, List.copyOf(records.subList(1, records.size())), List.copyOf(starts.subList(1, starts.size())));
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

    /**
     * Checks that the header names every column a reader needs; other columns are allowed.
     *
     * @param required the columns needed
     * @return this table
     * @throws InputException naming the file, the header's line, the missing columns and the header's columns
     */
    public CsvTable requireColumns(List<String> required) {
        List<String> missing = required.stream().filter(c -> indexOf(c) < 0).toList();
        if (!missing.isEmpty()) {
            throw new InputException(file + ":" + headerLine + ": missing column" + (missing.size() == 1 ? " '" : "s '")
                    + String.join("', '", missing) + "'; the header has " + String.join(", ", header));
        }
        return this;
    }

    /**
     * One data row, read cell by cell.
     *
     * @param index the row's index, from 0
     * @return the row
     */
    public Row row(int index) {
        return new Row(this, index);
    }

    /**
     * One data row whose cells are read by column name and parsed; every problem names the file, the
     * row's line, the column and the cell. Cells are trimmed.
     *
     * @param table the table
     * @param index the row's index, from 0
     */
    public record Row(CsvTable table, int index) {
        private static final Pattern DAY = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?)?");

        /**
         * The line the row starts on.
         *
         * @return the line, from 1
         */
        public int line() {
            return table.lines().get(index);
        }

        /**
         * A problem with this row.
         *
         * @param problem what is wrong
         * @return the exception, {@code file:line: problem}
         */
        public InputException problem(String problem) {
            return new InputException(table.file() + ":" + line() + ": " + problem);
        }

        /**
         * A cell's text, which may be blank; blank also when the table has no such column.
         *
         * @param column the column
         * @return the trimmed text
         */
        public String optional(String column) {
            int i = table.indexOf(column);
            return i < 0 ? "" : table.rows().get(index).get(i).trim();
        }

        /**
         * A cell's text, which must not be blank.
         *
         * @param column the column
         * @return the trimmed text
         * @throws InputException if the cell is blank
         */
        public String text(String column) {
            String s = optional(column);
            if (s.isEmpty()) {
                throw problem(column + " is blank");
            }
            return s;
        }

        /**
         * A day: {@code YYYY-MM-DD}, optionally followed by a time of day ({@code 2024-07-09 3:00}), which is dropped.
         *
         * @param column the column
         * @return the day
         * @throws InputException if the cell is blank or no such day
         */
        public LocalDate date(String column) {
            return optionalDate(column).orElseThrow(() -> problem(column + " is blank"));
        }

        /**
         * A day as {@link #date}, or empty for a blank cell.
         *
         * @param column the column
         * @return the day, if any
         * @throws InputException if the cell is not blank and no day
         */
        public Optional<LocalDate> optionalDate(String column) {
            String s = optional(column);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            Matcher m = DAY.matcher(s);
            try {
                if (m.matches()) {
                    return Optional.of(LocalDate.parse(m.group(1)));
                }
            } catch (DateTimeParseException e) {
                // an impossible day such as 2024-02-30: reported below
            }
            throw problem(column + " '" + s + "' is not a date (expected YYYY-MM-DD)");
        }

        /**
         * A number from 0 to {@link #MAX_NUMBER}, written in decimal digits.
         *
         * @param column the column
         * @return the number
         * @throws InputException if the cell is blank, no number, negative or above {@link #MAX_NUMBER}
         */
        public double number(String column) {
            return optionalNumber(column).orElseThrow(() -> problem(column + " is blank"));
        }

        /**
         * A number as {@link #number}, or empty for a blank cell.
         *
         * @param column the column
         * @return the number, if any
         * @throws InputException if the cell is not blank and no number, negative or above {@link #MAX_NUMBER}
         */
        public OptionalDouble optionalNumber(String column) {
            String s = optional(column);
            if (s.isEmpty()) {
                return OptionalDouble.empty();
            }
            // Decimal digits only: Java would also read 0x1p3, 1d, NaN and Infinity.
            if (!DECIMAL.matcher(s).matches()) {
                throw problem(column + " " + Validate.quote(s) + " is not a number");
            }
            double v = Double.parseDouble(s);
            if (v < 0 || v > MAX_NUMBER) {
                throw problem(column + " " + Validate.quote(s) + " must be a number from 0 to " + Validate.format(MAX_NUMBER));
            }
            return OptionalDouble.of(v);
        }

        /**
         * An exact amount such as {@code 12000.50}: a number as {@link #number}, within
         * {@link org.cskit.model.Money}'s bounds.
         *
         * @param column the column
         * @return the amount
         * @throws InputException if the cell is blank, no number, negative or too large
         */
        public BigDecimal decimal(String column) {
            number(column);
            return new BigDecimal(optional(column));
        }

        /**
         * A flag: {@code true} or {@code false}, in any case.
         *
         * @param column the column
         * @return the flag
         * @throws InputException if the cell is neither
         */
        public boolean flag(String column) {
            String s = optional(column);
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
            throw problem(column + " '" + s + "' is not TRUE or FALSE");
        }

        /**
         * One of a few words, in any case.
         *
         * @param column the column
         * @param allowed the words, in lower case
         * @return the word, in lower case
         * @throws InputException if the cell is none of them
         */
        public String oneOf(String column, List<String> allowed) {
            String s = optional(column).toLowerCase(Locale.ROOT);
            if (!allowed.contains(s)) {
                throw problem(column + " '" + optional(column) + "' is not one of " + String.join(", ", allowed));
            }
            return s;
        }
    }
}
