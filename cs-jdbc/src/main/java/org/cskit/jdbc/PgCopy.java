package org.cskit.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL's binary {@code COPY ... FROM STDIN} through pgjdbc's API: the fastest way in for a
 * nightly batch. Loaded only when the connection is pgjdbc's; {@link #available} says whether it is.
 */
final class PgCopy {
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final long PG_EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
    private static final int FLUSH_AT = 1 << 20;

    private final CopyIn copy;
    private byte[] buf = new byte[FLUSH_AT + (1 << 16)];
    private int size;

    private PgCopy(CopyIn copy) {
        this.copy = copy;
    }

    /** Whether the connection is pgjdbc's, so that {@link #start} can be used on it. */
    static boolean available(Connection c) {
        try {
            Class.forName("org.postgresql.PGConnection", false, PgCopy.class.getClassLoader());
            return c.isWrapperFor(PGConnection.class);
        } catch (ClassNotFoundException | LinkageError | SQLException e) {
            return false;
        }
    }

    /** Starts {@code COPY <sql> FROM STDIN (FORMAT binary)} and writes the header. */
    static PgCopy start(Connection c, String copySql) throws SQLException {
        PgCopy p = new PgCopy(c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql));
        System.arraycopy(HEADER, 0, p.buf, 0, HEADER.length);
        p.size = HEADER.length;
        return p;
    }

    void row(int fields) throws SQLException {
        if (size >= FLUSH_AT) {
            flush();
        }
        int16(fields);
    }

    void text(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    void bytes(byte[] b) {
        ensure(4 + b.length);
        int32(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    void date(LocalDate d) {
        ensure(8);
        int32(4);
        int32(Math.toIntExact(d.toEpochDay() - PG_EPOCH_DAY));
    }

    void int4(int v) {
        ensure(8);
        int32(4);
        int32(v);
    }

    void int8(long v) {
        ensure(12);
        int32(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (v >>> shift);
        }
    }

    void bool(boolean v) {
        ensure(5);
        int32(1);
        buf[size++] = (byte) (v ? 1 : 0);
    }

    /** A NULL field. */
    void nul() {
        ensure(4);
        int32(-1);
    }

    void float8(double v) {
        int8(Double.doubleToRawLongBits(v));
    }

    /** Writes the trailer and ends the copy. */
    long end() throws SQLException {
        ensure(2);
        int16(-1);
        flush();
        return copy.endCopy();
    }

    /** Abandons the copy (the transaction rolls back anyway). */
    void cancel() {
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // The transaction is rolled back by the caller; a failed cancel changes nothing.
        }
    }

    private void flush() throws SQLException {
        copy.writeToCopy(buf, 0, size);
        size = 0;
    }

    private void ensure(int more) {
        if (size + more > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
        }
    }

    private void int16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    private void int32(int v) {
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }
}
