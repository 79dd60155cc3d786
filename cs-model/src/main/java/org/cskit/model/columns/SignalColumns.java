package org.cskit.model.columns;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cskit.model.Validate;

/**
 * A portfolio's signals as columns: one {@link SignalColumn} per signal name, over {@link #rows()}
 * accounts. What feature derivation reads. Checked when built: names distinct, every observation's
 * row below {@code rows}. Immutable apart from the wrapped arrays; safe to read from many threads.
 *
 * <pre>{@code
 * SignalColumns signals = SignalColumns.of(accounts, List.of(
 *         SignalColumn.of("logins", loginRows, loginTimes, loginCounts),
 *         SignalColumn.of("tickets", ticketRows, ticketTimes, ticketCounts)));
 * }</pre>
 */
public final class SignalColumns {
    private final int rows;
    private final Map<String, SignalColumn> byName;

    private SignalColumns(int rows, Map<String, SignalColumn> byName) {
        this.rows = rows;
        this.byName = byName;
    }

    /**
     * The signals of a portfolio.
     *
     * @param rows the number of accounts
     * @param columns one per signal name
     * @return the signals
     * @throws org.cskit.model.ValidationException if two columns share a name or an observation's
     *     row is not below {@code rows}
     */
    public static SignalColumns of(int rows, List<SignalColumn> columns) {
        Validate.atLeast("rows", rows, 0);
        Map<String, SignalColumn> byName = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            SignalColumn column = Objects.requireNonNull(columns.get(c), "columns[" + c + "]");
            if (byName.putIfAbsent(column.name(), column) != null) {
                throw Validate.invalid("columns[" + c + "]", "signal '" + column.name() + "' is given twice");
            }
            // Sorted by row: the last observation has the greatest row.
            int n = column.count();
            if (n > 0 && column.rows()[n - 1] >= rows) {
                int i = n - 1;
                while (i > 0 && column.rows()[i - 1] >= rows) {
                    i--;
                }
                throw Validate.invalid(column.name() + ".rows[" + i + "]", "signal '" + column.name() + "' observation " + i
                        + " has row " + column.rows()[i] + ", but the portfolio has " + rows + " rows");
            }
        }
        return new SignalColumns(rows, byName);
    }

    /** @return the number of accounts */
    public int rows() {
        return rows;
    }

    /**
     * One signal's column.
     *
     * @param name the signal's name
     * @return the column, or null when the portfolio has no such signal
     */
    public SignalColumn column(String name) {
        return byName.get(name);
    }

    /** @return the columns, in the order given */
    public List<SignalColumn> columns() {
        return List.copyOf(byName.values());
    }

    @Override
    public String toString() {
        return "SignalColumns[" + rows + " rows, " + byName.keySet() + "]";
    }
}
