package org.cskit.benchmarks.playbooks;

import static org.cskit.benchmarks.playbooks.Portfolio.*;

import java.util.function.IntFunction;

/**
 * The fact the columnar peers see: a flyweight over one row of the portfolio's primitive columns,
 * created per account during evaluation (the account's values stay in the columns). Its getters
 * return what {@link AccountFact} returns for the same account: the same band labels, direction
 * names and segment names (the same {@code String} instances).
 */
public final class RowFact implements AccountView {
    private final Portfolio p;
    private final int row;
    private final long now;

    public RowFact(Portfolio p, int row, long now) {
        this.p = p;
        this.row = row;
        this.now = now;
    }

    /** A new fact per account index, at {@link Portfolio#NOW}. */
    static IntFunction<RowFact> rows(Portfolio p) {
        return i -> new RowFact(p, i, NOW_MILLIS);
    }

    @Override
    public double feature(int index) {
        switch (index) {
            case I_LOGINS: return p.logins[row];
            case I_LOGINS_CHANGE: return p.loginsChange[row];
            case I_USERS_CHANGE: return p.usersChange[row];
            case I_TICKETS: return p.tickets[row];
            case I_SEATS: return p.seats[row];
            case I_NPS: return p.nps[row];
            case I_RENEWAL: return p.renewal[row];
            case I_ARR: return p.arr[row];
            default: throw new IndexOutOfBoundsException(index);
        }
    }

    @Override
    public double score() {
        return p.score[row];
    }

    @Override
    public String band() {
        return BANDS[p.band[row]];
    }

    @Override
    public String previousBand() {
        return BANDS[p.previousBand[row]];
    }

    @Override
    public String direction() {
        return DIRECTIONS[p.direction[row]].name();
    }

    @Override
    public String segment() {
        return SEGMENTS[p.segment[row]].name();
    }

    @Override
    public int index() {
        return row;
    }

    @Override
    public long now() {
        return now;
    }
}
