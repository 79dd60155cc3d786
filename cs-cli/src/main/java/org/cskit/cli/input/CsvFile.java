package org.cskit.cli.input;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cskit.model.Validate;

/**
 * A CSV file read as a stream, one row at a time, with Jackson's CSV parser: a header line, then
 * rows of text cells (RFC 4180: comma separated, fields may be quoted with {@code "}, a doubled
 * quote inside quotes is a quote, a quoted field may span lines, a quote inside an unquoted field is
 * text ({@code 5" screen}); LF or CRLF line ends; blank lines are skipped; a UTF-8 byte-order mark is
 * skipped). Every row must have as many cells as the header,
 * and there must be at least one. Only the current row is held, so a file of any length is read in
 * the memory of one row. Every problem is an {@link InputException} naming the file and the line.
 * Not thread-safe; {@link #forEach} reads the file once and closes it.
 */
public final class CsvFile {
    /** A plain decimal number, with an optional exponent; no sign but a plus, no hex, no suffix, no NaN. */
    private static final Pattern DECIMAL = Pattern.compile("\\+?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d{1,3})?");
    /** The largest number a cell may hold, so that sums over millions of cells stay finite. */
    public static final double MAX_NUMBER = 1e12;
    private static final CsvFactory FACTORY = CsvFactory.builder()
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private final Path file;
    private final List<String> required;

    private CsvFile(Path file, List<String> required) {
        this.file = file;
        this.required = List.copyOf(required);
    }

    /**
     * A CSV file to read, with no column required.
     *
     * @param file the file
     * @return the file, not yet opened
     */
    public static CsvFile of(Path file) {
        return new CsvFile(file, List.of());
    }

    /**
     * The same file, whose header must name every one of these columns; other columns are allowed.
     *
     * @param columns the columns needed
     * @return the file, not yet opened
     */
    public CsvFile requireColumns(List<String> columns) {
        return new CsvFile(file, columns);
    }

    /**
     * The file.
     *
     * @return the file
     */
    public Path file() {
        return file;
    }

    /**
     * Reads the file, handing each data row to the action in file order. A row is valid only during
     * its call.
     *
     * @param action what to do with each row
     * @return the number of data rows
     * @throws InputException naming the file and the line: a missing or unreadable file, text that
     *     is not UTF-8, malformed CSV, a header with a blank or duplicate name or without a required
     *     column, a row with another number of cells than the header, no data rows, or a problem
     *     the action found in a row's cells
     */
    public int forEach(Consumer<Row> action) {
        // The line a problem is reported on: a row's first cell's line once read; before that, the line
        // the parser is on after the previous row (it reports a row's start token at the end of the line before it).
        int line = 1;
        try (InputStream in = Files.newInputStream(file); CsvParser parser = (CsvParser) FACTORY.createParser(in)) {
            parser.setSchema(CsvSchema.emptySchema());
            List<String> cells = new ArrayList<>();
            Header header = null;
            int rows = 0;
            while (parser.nextToken() != null) {
                cells.clear();
                // Each record is an array of strings: the parser reads no schema, so no typing happens here.
                int start = line;
                while (parser.nextToken() == JsonToken.VALUE_STRING) {
                    if (cells.isEmpty()) {
                        start = lineOf(parser.currentTokenLocation(), line);
                        line = start;
                    }
                    cells.add(parser.getText());
                }
                line = lineOf(parser.currentLocation(), line);
                if (header == null) {
                    header = header(cells, start);
                    continue;
                }
                if (cells.size() != header.names.size()) {
                    throw new InputException(file + ":" + start + ": expected " + header.names.size()
                            + " fields as in the header, but found " + cells.size());
                }
                action.accept(new Row(file, header, cells, start));
                rows++;
            }
            if (header == null) {
                throw new InputException(file + ": empty file, expected a header line");
            }
            if (rows == 0) {
                throw new InputException(file + ": no data rows after the header");
            }
            return rows;
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (CharConversionException e) {
            throw new InputException(file + ":" + line + ": not UTF-8 text");
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message.startsWith("Missing closing quote")) {
                throw new InputException(file + ":" + line + ": a quoted field is never closed");
            }
            if (message.contains("Expected column separator")) {
                throw new InputException(file + ":" + lineOf(e.getLocation(), line) + ": text after a closing quote");
            }
            throw new InputException(file + ":" + lineOf(e.getLocation(), line) + ": malformed CSV: " + oneLine(message));
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e);
        }
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s+", " ").trim();
    }

    private static int lineOf(JsonLocation location, int otherwise) {
        return location == null || location.getLineNr() < 1 ? otherwise : location.getLineNr();
    }

    private Header header(List<String> cells, int line) {
        List<String> names = new ArrayList<>(cells.size());
        Map<String, Integer> index = new HashMap<>();
        for (int h = 0; h < cells.size(); h++) {
            String name = cells.get(h).trim();
            if (h == 0 && name.startsWith("\uFEFF")) {
                name = name.substring(1).trim();
            }
            if (name.isEmpty()) {
                throw new InputException(file + ":" + line + ": header column " + (h + 1) + " has no name");
            }
            if (index.putIfAbsent(name, h) != null) {
                throw new InputException(file + ":" + line + ": duplicate column '" + name + "' in the header");
            }
            names.add(name);
        }
        List<String> missing = required.stream().filter(c -> !index.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new InputException(file + ":" + line + ": missing column" + (missing.size() == 1 ? " '" : "s '")
                    + String.join("', '", missing) + "'; the header has " + String.join(", ", names));
        }
        return new Header(List.copyOf(names), Map.copyOf(index));
    }

    private record Header(List<String> names, Map<String, Integer> index) {}

    /**
     * One data row whose cells are read by column name and parsed; every problem names the file, the
     * row's line, the column and the cell. Cells are trimmed.
     */
    public static final class Row {
        private static final Pattern DAY = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2})?)?");

        private final Path file;
        private final Header header;
        private final List<String> cells;
        private final int line;

        Row(Path file, Header header, List<String> cells, int line) {
            this.file = file;
            this.header = header;
            this.cells = cells;
            this.line = line;
        }

        /**
         * The header's column names, trimmed.
         *
         * @return the names
         */
        public List<String> header() {
            return header.names;
        }

        /**
         * A copy of the row's cells as they are in the file, not trimmed.
         *
         * @return the cells, one per header column
         */
        public List<String> cells() {
            return List.copyOf(cells);
        }

        /**
         * The line the row starts on.
         *
         * @return the line, from 1
         */
        public int line() {
            return line;
        }

        /**
         * A problem with this row.
         *
         * @param problem what is wrong
         * @return the exception, {@code file:line: problem}
         */
        public InputException problem(String problem) {
            return new InputException(file + ":" + line + ": " + problem);
        }

        /**
         * A cell's text, which may be blank; blank also when the file has no such column.
         *
         * @param column the column
         * @return the trimmed text
         */
        public String optional(String column) {
            Integer i = header.index.get(column);
            return i == null ? "" : cells.get(i).trim();
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
