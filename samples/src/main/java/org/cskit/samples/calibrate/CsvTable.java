package org.cskit.samples.calibrate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV file read whole: a header and rows of text cells (RFC 4180: comma separated, fields may be
 * quoted with {@code "}, a doubled quote inside quotes is a quote; LF or CRLF line ends; a UTF-8
 * byte-order mark is skipped). Every row must have as many cells as the header.
 *
 * @param file the file
 * @param header the column names
 * @param rows the data rows
 * @param lines the file line each data row starts on (1-based), for messages
 */
public record CsvTable(Path file, List<String> header, List<List<String>> rows, List<Integer> lines) {

    /**
     * Reads a CSV file.
     *
     * @param file the file
     * @return the table
     * @throws CalibrateException naming the file and line, if it cannot be read or is malformed
     */
    public static CsvTable read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CalibrateException(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new CalibrateException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new CalibrateException(file + ": cannot read: " + e);
        }
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
                    throw new CalibrateException(file + ":" + line + ": a quote inside an unquoted field");
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
                    throw new CalibrateException(file + ":" + line + ": text after a closing quote");
                }
                cell.append(c);
                i++;
            }
        }
        if (quoted) {
            throw new CalibrateException(file + ":" + quoteLine + ": a quoted field is never closed");
        }
        if (cell.length() > 0 || wasQuoted || !record.isEmpty()) {
            record.add(cell.toString());
            records.add(record);
            starts.add(recordLine);
        }
        if (records.isEmpty()) {
            throw new CalibrateException(file + ": empty file, expected a header line");
        }
        List<String> header = records.get(0);
        for (int h = 0; h < header.size(); h++) {
            String name = header.get(h).trim();
            if (name.isEmpty()) {
                throw new CalibrateException(file + ":" + starts.get(0) + ": header column " + (h + 1) + " has no name");
            }
            if (header.subList(0, h).stream().anyMatch(x -> x.trim().equals(name))) {
                throw new CalibrateException(file + ":" + starts.get(0) + ": duplicate column '" + name + "' in the header");
            }
        }
        List<String> names = header.stream().map(String::trim).toList();
        for (int r = 1; r < records.size(); r++) {
            if (records.get(r).size() != names.size()) {
                throw new CalibrateException(file + ":" + starts.get(r) + ": expected " + names.size() + " fields as in the header, but found "
                        + records.get(r).size());
            }
        }
        if (records.size() < 2) {
            throw new CalibrateException(file + ": no data rows after the header");
        }
        return new CsvTable(file, names, List.copyOf(records.subList(1, records.size())), List.copyOf(starts.subList(1, starts.size())));
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
