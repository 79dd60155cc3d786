package org.cskit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestClockTest {

    @Test
    void fixed_neverMoves() {
        TestClock clock = TestClock.fixed(Instant.parse("2026-01-01T00:00:00Z"));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(clock.isSteppable()).isFalse();
        assertThatThrownBy(() -> clock.advance(Duration.ofDays(1)))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("a fixed TestClock does not move; use TestClock.steppable()");
        assertThat(TestClock.fixed().instant()).isEqualTo(TestClock.DEFAULT_START);
    }

    @Test
    void advance_movesForward_andZoneViewsShareTheTime() {
        TestClock clock = TestClock.steppable();
        TestClock paris = clock.withZone(ZoneId.of("Europe/Paris"));

        assertThat(clock.advance(Duration.ofHours(5))).isEqualTo(TestClock.DEFAULT_START.plus(Duration.ofHours(5)));

        assertThat(paris.instant()).isEqualTo(clock.instant());
        assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(clock.millis()).isEqualTo(clock.instant().toEpochMilli());
    }

    @Test
    void advance_negative_isRefused() {
        assertThatThrownBy(() -> TestClock.steppable().advance(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("step must not be negative, but was PT-1S: time does not go back");
    }

    @Test
    void setTo_backwards_isRefused() {
        TestClock clock = TestClock.steppable();
        clock.setTo(TestClock.DEFAULT_START.plusSeconds(60));

        assertThat(clock.instant()).isEqualTo(TestClock.DEFAULT_START.plusSeconds(60));
        assertThatThrownBy(() -> clock.setTo(TestClock.DEFAULT_START))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot set the clock back from 2026-05-01T00:01:00Z to 2026-05-01T00:00:00Z");
    }

    @Test
    void advance_fromManyThreads_losesNoStep() throws InterruptedException {
        TestClock clock = TestClock.steppable();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    clock.advance(Duration.ofMillis(1));
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }

        assertThat(clock.instant()).isEqualTo(TestClock.DEFAULT_START.plusMillis(8000));
    }
}
