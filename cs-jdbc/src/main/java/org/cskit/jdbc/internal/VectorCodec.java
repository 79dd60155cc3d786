package org.cskit.jdbc.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cskit.model.Contribution;
import org.cskit.model.ManualOverride;
import org.cskit.model.MissingDataPolicy;
import org.cskit.model.PersonId;

/**
 * The binary form of a vector's contributions and override (the {@code detail} column), format 1.
 * All numbers big-endian; a string is its UTF-8 length as an unsigned varint, then its bytes:
 *
 * <pre>
 * byte    format (1)
 * varint  number of contributions, then for each:
 *           string input, string group, double points, double weight,
 *           byte flags (1: a value follows, 2: a missing-data policy follows),
 *           [double value], [byte policy ordinal: REDISTRIBUTE 0, NEUTRAL 1, WORST 2, FIXED 3]
 * byte    1 if an override follows, else 0; then double score, string by, string reason,
 *           long setAt seconds, int setAt nanos, long expiresAt seconds, int expiresAt nanos
 * </pre>
 *
 * Doubles are kept bit for bit, so a vector restores equal to the one saved.
 */
public final class VectorCodec {
    /** The format written. */
    public static final int FORMAT = 1;

    private static final MissingDataPolicy[] POLICIES = MissingDataPolicy.values();

    private VectorCodec() {}

    /**
     * Encodes contributions and an override.
     *
     * @param contributions the contributions
     * @param override the override
     * @return the bytes
     */
    public static byte[] encode(List<Contribution> contributions, Optional<ManualOverride> override) {
        Out out = new Out(32 + contributions.size() * 48);
        out.write(FORMAT);
        out.varint(contributions.size());
        for (Contribution c : contributions) {
            out.string(c.input());
            out.string(c.group());
            out.dbl(c.points());
            out.dbl(c.weight());
            int flags = (c.value().isPresent() ? 1 : 0) | (c.missing().isPresent() ? 2 : 0);
            out.write(flags);
            if (c.value().isPresent()) {
                out.dbl(c.value().getAsDouble());
            }
            if (c.missing().isPresent()) {
                out.write(c.missing().get().ordinal());
            }
        }
        if (override.isPresent()) {
            ManualOverride o = override.get();
            out.write(1);
            out.dbl(o.score());
            out.string(o.by().value());
            out.string(o.reason());
            out.instant(o.setAt());
            out.instant(o.expiresAt());
        } else {
            out.write(0);
        }
        return out.toByteArray();
    }

    /** What {@link #decode} read. */
    public record Detail(List<Contribution> contributions, Optional<ManualOverride> override) {}

    /**
     * Decodes bytes written by {@link #encode}.
     *
     * @param bytes the bytes
     * @return the contributions and override
     * @throws IllegalStateException if the bytes are not in a known format or are cut short
     */
    public static Detail decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            int format = in.get();
            if (format != FORMAT) {
                throw new IllegalStateException("detail is in format " + format + ", this cs-jdbc reads format " + FORMAT);
            }
            int n = varint(in);
            List<Contribution> contributions = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Contribution.Builder b = Contribution.builder().input(string(in)).group(string(in))
                        .points(in.getDouble()).weight(in.getDouble());
                int flags = in.get();
                if ((flags & 1) != 0) {
                    b.value(in.getDouble());
                }
                if ((flags & 2) != 0) {
                    b.missing(POLICIES[in.get()]);
                }
                contributions.add(b.build());
            }
            Optional<ManualOverride> override = Optional.empty();
            if (in.get() == 1) {
                override = Optional.of(ManualOverride.builder().score(in.getDouble()).by(PersonId.of(string(in)))
                        .reason(string(in)).setAt(instant(in)).expiresAt(instant(in)).build());
            }
            if (in.hasRemaining()) {
                throw new IllegalStateException("detail has " + in.remaining() + " bytes after its end");
            }
            return new Detail(contributions, override);
        } catch (java.nio.BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IllegalStateException("detail of " + bytes.length + " bytes is cut short", e);
        }
    }

    private static int varint(ByteBuffer in) {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.get();
            value |= (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalStateException("varint longer than 5 bytes");
    }

    private static String string(ByteBuffer in) {
        int length = varint(in);
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    private static Instant instant(ByteBuffer in) {
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    /** A byte array output without the synchronisation of {@link ByteArrayOutputStream}. */
    private static final class Out {
        private byte[] buf;
        private int size;

        Out(int capacity) {
            buf = new byte[capacity];
        }

        void write(int b) {
            ensure(1);
            buf[size++] = (byte) b;
        }

        void varint(int v) {
            while ((v & ~0x7f) != 0) {
                write((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            write(v);
        }

        void dbl(double d) {
            lng(Double.doubleToRawLongBits(d));
        }

        void lng(long v) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (v >>> shift);
            }
        }

        void integer(int v) {
            ensure(4);
            for (int shift = 24; shift >= 0; shift -= 8) {
                buf[size++] = (byte) (v >>> shift);
            }
        }

        void string(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            varint(bytes.length);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buf, size, bytes.length);
            size += bytes.length;
        }

        void instant(Instant t) {
            lng(t.getEpochSecond());
            integer(t.getNano());
        }

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, size);
        }
    }
}
