package org.cskit.jdbc;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.cskit.jdbc.internal.Micros;
import org.cskit.jdbc.internal.VectorCodec;
import org.cskit.model.AccountId;
import org.cskit.model.Band;
import org.cskit.model.Direction;
import org.cskit.model.ScorePoint;
import org.cskit.model.ScorecardId;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.model.columns.ScoreHistoryColumns;
import org.cskit.model.columns.VectorColumns;
import org.cskit.scoring.spi.ScoreHistory;

/**
 * A {@link ScoreHistory} in the table {@code <prefix>score_history}: one row per account and UTC
 * day, the vector's scalars in columns and its contributions and override in {@code detail} (see
 * the README for every column). Obtain it from {@link CsJdbc#scoreHistory()}. Thread-safe: every
 * call takes a connection of its own from the data source and gives it back.
 *
 * <p>{@link #save(Collection)} stores a batch in one transaction: on PostgreSQL with pgjdbc as a
 * binary {@code COPY} into the table when none of its rows is there yet, else (after rolling that
 * back to a savepoint) into a temporary table of the session and one {@code INSERT ... SELECT ...
 * ON CONFLICT} from it (with another driver, one {@code INSERT ... SELECT FROM unnest(...)} per
 * 10,000 rows), on H2 as JDBC batches of {@code MERGE}. Rows are written in account and day order, so two batches that overlap cannot
 * deadlock. {@link #forEachOn} streams a day with a fetch size of 10,000 rows.
 *
 * <p>Rules checked before anything is written (a {@link ValidationException} naming
 * {@code vectors[i]} and the field): account and scorecard ids at most 255 characters, band labels
 * at most 64, {@code asOf} a whole number of microseconds (the precision stored), and one vector
 * per account and day in a batch.
 */
public final class JdbcScoreHistory implements ScoreHistory {
    private static final int CHUNK = 10_000;
    private static final String COLUMNS = "account_id, as_of_us, score, band_label, band_rank, direction, velocity, "
            + "coverage, scorecard_id, scorecard_version, detail, band_held";
    private static final String WRITTEN = "account_id, score_day, as_of_us, score, band_label, band_rank, direction, velocity, "
            + "coverage, scorecard_id, scorecard_version, detail, band_held, computed_score";

    private final CsJdbc db;
    private final String table;
    private final String upsert;
    private final String upsertFromStage;

    JdbcScoreHistory(CsJdbc db) {
        this.db = db;
        this.table = db.table("score_history");
        this.upsert = db.dialect() == Dialect.POSTGRESQL ? postgresUpsert(table) : h2Merge(table);
        this.upsertFromStage = "INSERT INTO " + table + " AS t SELECT * FROM {stage} ORDER BY account_id, score_day "
                + postgresOnConflict();
    }

    @Override
    public int save(Collection<SuccessVector> vectors) {
        if (vectors.isEmpty()) {
            return 0;
        }
        Row[] rows = rows(vectors);
        return Sql.inTransactionRetryingDuplicates(db.dataSource(), "saving " + rows.length + " vectors in " + table, c -> {
            if (db.dialect() == Dialect.POSTGRESQL && PgCopy.available(c)) {
                return copyPostgres(c, rows);
            }
            int stored = 0;
            for (int from = 0; from < rows.length; from += CHUNK) {
                int to = Math.min(rows.length, from + CHUNK);
                stored += db.dialect() == Dialect.POSTGRESQL ? writePostgres(c, rows, from, to) : writeH2(c, rows, from, to);
            }
            return stored;
        });
    }

    /** The statement a save writes with, other than PostgreSQL's {@code COPY} (for a test of its plan). */
    String upsertSql() {
        return upsert;
    }

    @Override
    public Optional<SuccessVector> vectorOn(AccountId account, LocalDate day) {
        return one("reading the vector of '" + account + "' on " + day,
                "SELECT " + COLUMNS + " FROM " + table + " WHERE account_id = ? AND score_day = ?", ps -> {
                    ps.setString(1, account.value());
                    ps.setObject(2, day);
                });
    }

    @Override
    public Optional<SuccessVector> latestBefore(AccountId account, Instant before) {
        long bound = lowerBound(before);
        return one("reading the latest vector of '" + account + "' before " + before,
                "SELECT " + COLUMNS + " FROM " + table + " WHERE account_id = ? AND as_of_us < ? "
                        + "ORDER BY score_day DESC FETCH FIRST 1 ROWS ONLY", ps -> {
                    ps.setString(1, account.value());
                    ps.setLong(2, bound);
                });
    }

    @Override
    public List<ScorePoint> scores(AccountId account, Instant from, Instant to) {
        String what = "reading the scores of '" + account + "'";
        return Sql.inTransaction(db.dataSource(), what, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT as_of_us, score FROM " + table
                    + " WHERE account_id = ? AND as_of_us >= ? AND as_of_us < ? ORDER BY score_day")) {
                ps.setString(1, account.value());
                ps.setLong(2, lowerBound(from));
                ps.setLong(3, lowerBound(to));
                List<ScorePoint> points = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        points.add(ScorePoint.of(Micros.instant(rs.getLong(1)), rs.getDouble(2)));
                    }
                }
                return points;
            }
        });
    }

    @Override
    public void forEachOn(LocalDate day, Consumer<SuccessVector> action) {
        Sql.inTransaction(db.dataSource(), "reading the vectors of " + day + " from " + table, c -> {
            // Inside a transaction PostgreSQL's driver fetches with a cursor, CHUNK rows at a time.
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE score_day = ?")) {
                ps.setFetchSize(CHUNK);
                ps.setObject(1, day);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        action.accept(vector(rs));
                    }
                }
            }
            return null;
        });
    }

    /** One pass over the day's rows, matched to rows by account id; the detail is not read. */
    @Override
    public VectorColumns vectorColumns(List<AccountId> accounts, LocalDate day, List<String> bandLabels) {
        java.util.Map<String, Integer> rowOf = rowsOf(accounts);
        int n = accounts.size();
        double[] scores = new double[n];
        byte[] bands = new byte[n];
        byte[] directions = new byte[n];
        double[] velocities = new double[n];
        double[] coverages = new double[n];
        java.util.Arrays.fill(scores, Double.NaN);
        java.util.Arrays.fill(bands, (byte) -1);
        java.util.Arrays.fill(directions, (byte) -1);
        java.util.Arrays.fill(velocities, Double.NaN);
        java.util.Arrays.fill(coverages, Double.NaN);
        boolean[] held = new boolean[n];
        double[] computed = new double[n];
        java.util.Arrays.fill(computed, Double.NaN);
        Sql.inTransaction(db.dataSource(), "reading the vectors of " + day + " from " + table, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT account_id, score, band_label, direction, velocity, coverage, band_held, "
                    + "computed_score FROM "
                    + table + " WHERE score_day = ?")) {
                ps.setFetchSize(CHUNK);
                ps.setObject(1, day);
                try (ResultSet rs = ps.executeQuery()) {
                    String lastLabel = null;
                    byte lastCode = -1;
                    while (rs.next()) {
                        Integer row = rowOf.get(rs.getString(1));
                        if (row == null) {
                            continue;
                        }
                        String label = rs.getString(3);
                        if (!label.equals(lastLabel)) {
                            lastCode = ScoreHistory.bandCode(bandLabels, label, accounts.get(row));
                            lastLabel = label;
                        }
                        scores[row] = rs.getDouble(2);
                        bands[row] = lastCode;
                        directions[row] = (byte) Direction.valueOf(rs.getString(4)).ordinal();
                        velocities[row] = rs.getDouble(5);
                        coverages[row] = rs.getDouble(6);
                        held[row] = rs.getBoolean(7);
                        double cs = rs.getDouble(8);
                        if (!rs.wasNull()) {
                            computed[row] = cs;
                        }
                    }
                }
            }
            return null;
        });
        return VectorColumns.builder(n).bands(bandLabels).scores(scores).bandCodes(bands).directionCodes(directions)
                .velocities(velocities).coverages(coverages).bandHeld(held).computedScores(computed).build();
    }

    private static java.util.Map<String, Integer> rowsOf(List<AccountId> accounts) {
        java.util.Map<String, Integer> rowOf = new java.util.HashMap<>(accounts.size() * 2);
        for (int r = 0; r < accounts.size(); r++) {
            rowOf.put(accounts.get(r).value(), r);
        }
        return rowOf;
    }

    /** One pass over the rows of each run's day, matched to rows by account id. */
    @Override
    public ScoreHistoryColumns scoreColumns(List<AccountId> accounts, List<Instant> runs) {
        java.util.Map<String, Integer> rowOf = rowsOf(accounts);
        ScoreHistoryColumns.Builder columns = ScoreHistoryColumns.builder(accounts.size());
        for (Instant run : runs) {
            LocalDate day = LocalDate.ofInstant(run, java.time.ZoneOffset.UTC);
            double[] scores = new double[accounts.size()];
            java.util.Arrays.fill(scores, Double.NaN);
            Sql.inTransaction(db.dataSource(), "reading the scores of " + day + " from " + table, c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT account_id, score FROM " + table + " WHERE score_day = ?")) {
                    ps.setFetchSize(CHUNK);
                    ps.setObject(1, day);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            Integer row = rowOf.get(rs.getString(1));
                            if (row != null) {
                                scores[row] = rs.getDouble(2);
                            }
                        }
                    }
                }
                return null;
            });
            columns.point(run, scores);
        }
        return columns.build();
    }

    /** A microsecond bound such that {@code micros >= bound} exactly when {@code instant >= t}. */
    private static long lowerBound(Instant t) {
        if (t.equals(Instant.MAX)) {
            return Long.MAX_VALUE;
        }
        if (t.equals(Instant.MIN)) {
            return Long.MIN_VALUE;
        }
        return Micros.of(t) + (Micros.exact(t) ? 0 : 1);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private Optional<SuccessVector> one(String what, String sql, Binder binder) {
        return Sql.inTransaction(db.dataSource(), what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(vector(rs)) : Optional.empty();
                }
            }
        });
    }

    private SuccessVector vector(ResultSet rs) throws SQLException {
        String account = rs.getString(1);
        long asOf = rs.getLong(2);
        VectorCodec.Detail detail;
        try {
            detail = VectorCodec.decode(rs.getBytes(11));
        } catch (IllegalStateException e) {
            throw new JdbcStoreException("the detail of account '" + account + "' at " + Micros.instant(asOf)
                    + " in " + table + " cannot be read: " + e.getMessage(), e);
        }
        return SuccessVector.builder()
                .accountId(AccountId.of(account))
                .asOf(Micros.instant(asOf))
                .score(rs.getDouble(3))
                .band(Band.of(rs.getString(4), rs.getInt(5)))
                .direction(Direction.valueOf(rs.getString(6)))
                .velocity(rs.getDouble(7))
                .coverage(rs.getDouble(8))
                .scorecardId(ScorecardId.of(rs.getString(9)))
                .scorecardVersion(rs.getInt(10))
                .contributions(detail.contributions())
                .override(detail.override())
                .bandHeld(rs.getBoolean(12))
                .build();
    }

    /** One vector, ready to write. */
    private record Row(int index, String account, long day, long asOf, SuccessVector v, byte[] detail) {
        LocalDate date() {
            return LocalDate.ofEpochDay(day);
        }
    }

    private static final Comparator<Row> ORDER = (a, b) -> {
        int c = a.account().compareTo(b.account());
        return c != 0 ? c : Long.compare(a.day(), b.day());
    };

    private static Row[] rows(Collection<SuccessVector> vectors) {
        Row[] rows = new Row[vectors.size()];
        int i = 0;
        for (SuccessVector v : vectors) {
            String account = v.accountId().value();
            maxLength(i, ".accountId", account, 255);
            ScoreHistory.scored(i, v);
            maxLength(i, ".band.label", v.band().label(), 64);
            maxLength(i, ".scorecardId", v.scorecardId().value(), 255);
            if (!Micros.exact(v.asOf())) {
                String field = "vectors[" + i + "].asOf";
                throw new ValidationException(field, field + " " + v.asOf()
                        + " has a part below a microsecond: the score history keeps microseconds");
            }
            long asOf = Micros.of(v.asOf());
            rows[i] = new Row(i, account, Math.floorDiv(asOf, 86_400_000_000L), asOf, v, null);
            i++;
        }
        // One order for every writer: rows locked in the same order cannot deadlock. Sorted, two
        // vectors of one account and day are neighbours.
        java.util.Arrays.sort(rows, ORDER);
        for (int k = 1; k < rows.length; k++) {
            if (ORDER.compare(rows[k - 1], rows[k]) == 0) {
                int first = Math.min(rows[k - 1].index(), rows[k].index());
                int second = Math.max(rows[k - 1].index(), rows[k].index());
                throw new ValidationException("vectors[" + second + "]", "vectors[" + first + "] and vectors[" + second
                        + "] are both of account '" + rows[k].account() + "' on " + rows[k].date()
                        + ": a batch holds at most one vector per account and day");
            }
        }
        for (int k = 0; k < rows.length; k++) {
            Row r = rows[k];
            rows[k] = new Row(r.index(), r.account(), r.day(), r.asOf(), r.v(),
                    VectorCodec.encode(r.v().contributions(), r.v().override()));
        }
        return rows;
    }

    private static void maxLength(int index, String name, String value, int max) {
        if (value.length() > max) {
            String field = "vectors[" + index + "]" + name;
            throw new ValidationException(field, field + " of " + value.length() + " characters ('"
                    + value.substring(0, 40) + "...') is longer than the " + max + " the table holds");
        }
    }

    private static String postgresUpsert(String table) {
        return "INSERT INTO " + table + " AS t (" + WRITTEN + ") "
                + "SELECT u.a, DATE '1970-01-01' + u.d, u.o, u.s, u.bl, u.br, u.dr, u.ve, u.co, u.sc, u.sv, u.de, u.bh, u.cs "
                + "FROM unnest(?::varchar[], ?::int4[], ?::int8[], ?::float8[], ?::varchar[], ?::int4[], ?::varchar[], "
                + "?::float8[], ?::float8[], ?::varchar[], ?::int4[], ?::bytea[], ?::bool[], ?::float8[]) "
                + "AS u(a, d, o, s, bl, br, dr, ve, co, sc, sv, de, bh, cs) "
                + postgresOnConflict();
    }

    private static String postgresOnConflict() {
        return "ON CONFLICT (account_id, score_day) DO UPDATE SET as_of_us = EXCLUDED.as_of_us, score = EXCLUDED.score, "
                + "band_label = EXCLUDED.band_label, band_rank = EXCLUDED.band_rank, direction = EXCLUDED.direction, "
                + "velocity = EXCLUDED.velocity, coverage = EXCLUDED.coverage, scorecard_id = EXCLUDED.scorecard_id, "
                + "scorecard_version = EXCLUDED.scorecard_version, detail = EXCLUDED.detail, band_held = EXCLUDED.band_held, "
                + "computed_score = EXCLUDED.computed_score WHERE t.as_of_us <= EXCLUDED.as_of_us";
    }

    private static String h2Merge(String table) {
        return "MERGE INTO " + table + " t USING (VALUES (CAST(? AS VARCHAR(255)), CAST(? AS DATE), CAST(? AS BIGINT), "
                + "CAST(? AS DOUBLE PRECISION), CAST(? AS VARCHAR(64)), CAST(? AS INTEGER), CAST(? AS VARCHAR(16)), "
                + "CAST(? AS DOUBLE PRECISION), CAST(? AS DOUBLE PRECISION), CAST(? AS VARCHAR(255)), CAST(? AS INTEGER), "
                + "CAST(? AS VARBINARY(1000000)), CAST(? AS BOOLEAN), CAST(? AS DOUBLE PRECISION))) "
                + "AS u(a, d, o, s, bl, br, dr, ve, co, sc, sv, de, bh, cs) ON t.account_id = u.a AND t.score_day = u.d "
                + "WHEN MATCHED AND t.as_of_us <= u.o THEN UPDATE SET as_of_us = u.o, score = u.s, band_label = u.bl, "
                + "band_rank = u.br, direction = u.dr, velocity = u.ve, coverage = u.co, scorecard_id = u.sc, "
                + "scorecard_version = u.sv, detail = u.de, band_held = u.bh, computed_score = u.cs "
                + "WHEN NOT MATCHED THEN INSERT (" + WRITTEN + ") "
                + "VALUES (u.a, u.d, u.o, u.s, u.bl, u.br, u.dr, u.ve, u.co, u.sc, u.sv, u.de, u.bh, u.cs)";
    }

    /**
     * PostgreSQL with pgjdbc: binary COPY straight into the table when none of the rows is there
     * yet (the first save of a night), else, after rolling that back to a savepoint, binary COPY
     * into a temporary table of this session (emptied at commit or rollback) and one upsert from it.
     */
    private int copyPostgres(Connection c, Row[] rows) throws SQLException {
        java.sql.Savepoint before = c.setSavepoint();
        try {
            copy(c, table, rows);
            c.releaseSavepoint(before);
            return rows.length;
        } catch (SQLException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            c.rollback(before);
        }
        String stage = db.table("score_stage");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE IF NOT EXISTS " + stage + " (LIKE " + table + ") ON COMMIT DELETE ROWS");
        }
        copy(c, stage, rows);
        try (Statement s = c.createStatement()) {
            return s.executeUpdate(upsertFromStage.replace("{stage}", stage));
        }
    }

    private static void copy(Connection c, String into, Row[] rows) throws SQLException {
        PgCopy copy = PgCopy.start(c, "COPY " + into + " (" + WRITTEN + ") FROM STDIN (FORMAT binary)");
        try {
            for (Row r : rows) {
                SuccessVector v = r.v();
                copy.row(14);
                copy.text(r.account());
                copy.date(r.date());
                copy.int8(r.asOf());
                copy.float8(v.score());
                copy.text(v.band().label());
                copy.int4(v.band().rank());
                copy.text(v.direction().name());
                copy.float8(v.velocity());
                copy.float8(v.coverage());
                copy.text(v.scorecardId().value());
                copy.int4(v.scorecardVersion());
                copy.bytes(r.detail());
                copy.bool(v.bandHeld());
                double computed = computed(v);
                if (Double.isNaN(computed)) {
                    copy.nul();
                } else {
                    copy.float8(computed);
                }
            }
            copy.end();
        } catch (SQLException | RuntimeException e) {
            copy.cancel();
            throw e;
        }
    }

    /** The score the scorecard computed under an active override (column {@code computed_score}), NaN (NULL) without one. */
    private static double computed(SuccessVector v) {
        return v.override().isPresent() ? ScoreHistory.computedScore(v) : Double.NaN;
    }

    private int writePostgres(Connection c, Row[] rows, int from, int to) throws SQLException {
        int n = to - from;
        String[] accounts = new String[n];
        Integer[] days = new Integer[n];
        Long[] asOf = new Long[n];
        Double[] scores = new Double[n];
        String[] labels = new String[n];
        Integer[] ranks = new Integer[n];
        String[] directions = new String[n];
        Double[] velocities = new Double[n];
        Double[] coverages = new Double[n];
        String[] cards = new String[n];
        Integer[] versions = new Integer[n];
        byte[][] details = new byte[n][];
        Boolean[] held = new Boolean[n];
        Double[] computed = new Double[n];
        for (int i = 0; i < n; i++) {
            Row r = rows[from + i];
            SuccessVector v = r.v();
            accounts[i] = r.account();
            days[i] = Math.toIntExact(r.day());
            asOf[i] = r.asOf();
            scores[i] = v.score();
            labels[i] = v.band().label();
            ranks[i] = v.band().rank();
            directions[i] = v.direction().name();
            velocities[i] = v.velocity();
            coverages[i] = v.coverage();
            cards[i] = v.scorecardId().value();
            versions[i] = v.scorecardVersion();
            details[i] = r.detail();
            held[i] = v.bandHeld();
            double cs = computed(v);
            computed[i] = Double.isNaN(cs) ? null : cs;
        }
        List<Array> arrays = List.of(c.createArrayOf("varchar", accounts), c.createArrayOf("int4", days),
                c.createArrayOf("int8", asOf), c.createArrayOf("float8", scores), c.createArrayOf("varchar", labels),
                c.createArrayOf("int4", ranks), c.createArrayOf("varchar", directions),
                c.createArrayOf("float8", velocities), c.createArrayOf("float8", coverages),
                c.createArrayOf("varchar", cards), c.createArrayOf("int4", versions), c.createArrayOf("bytea", details),
                c.createArrayOf("bool", held), c.createArrayOf("float8", computed));
        try (PreparedStatement ps = c.prepareStatement(upsert)) {
            for (int i = 0; i < arrays.size(); i++) {
                ps.setArray(i + 1, arrays.get(i));
            }
            return ps.executeUpdate();
        } finally {
            for (Array a : arrays) {
                a.free();
            }
        }
    }

    private int writeH2(Connection c, Row[] rows, int from, int to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(upsert)) {
            for (int i = from; i < to; i++) {
                Row r = rows[i];
                SuccessVector v = r.v();
                ps.setString(1, r.account());
                ps.setObject(2, r.date());
                ps.setLong(3, r.asOf());
                ps.setDouble(4, v.score());
                ps.setString(5, v.band().label());
                ps.setInt(6, v.band().rank());
                ps.setString(7, v.direction().name());
                ps.setDouble(8, v.velocity());
                ps.setDouble(9, v.coverage());
                ps.setString(10, v.scorecardId().value());
                ps.setInt(11, v.scorecardVersion());
                ps.setBytes(12, r.detail());
                ps.setBoolean(13, v.bandHeld());
                double computed = computed(v);
                if (Double.isNaN(computed)) {
                    ps.setNull(14, java.sql.Types.DOUBLE);
                } else {
                    ps.setDouble(14, computed);
                }
                ps.addBatch();
            }
            int stored = 0;
            for (int count : ps.executeBatch()) {
                stored += count;
            }
            return stored;
        }
    }
}
