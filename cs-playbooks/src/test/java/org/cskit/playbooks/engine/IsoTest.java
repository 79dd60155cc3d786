package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The fast formatter writes what {@link Instant#toString()} writes. */
class IsoTest {
    @Property(tries = 2000)
    void formatsAsInstantToString(@ForAll @LongRange(min = -62_167_219_200L, max = 253_402_300_799L) long seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos) {
        Instant at = Instant.ofEpochSecond(seconds, nanos);
        assertThat(Iso.format(at)).isEqualTo(at.toString());
        Instant millis = Instant.ofEpochSecond(seconds, nanos / 1_000_000 * 1_000_000L);
        assertThat(Iso.format(millis)).isEqualTo(millis.toString());
        Instant micros = Instant.ofEpochSecond(seconds, nanos / 1000 * 1000L);
        assertThat(Iso.format(micros)).isEqualTo(micros.toString());
    }

    @Test
    void edgesAndOutOfRangeYears() {
        for (String s : new String[] {"0000-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "2026-06-01T00:00:00.100Z",
            "9999-12-31T23:59:59.999999999Z", "1969-12-31T23:59:59.000001Z"}) {
            assertThat(Iso.format(Instant.parse(s))).isEqualTo(s);
        }
        assertThat(Iso.format(Instant.MAX)).isEqualTo(Instant.MAX.toString());
        assertThat(Iso.format(Instant.MIN)).isEqualTo(Instant.MIN.toString());
    }
}
