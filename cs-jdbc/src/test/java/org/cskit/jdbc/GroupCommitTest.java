package org.cskit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class GroupCommitTest {

    /** A unit that takes a little while, so that callers pile up; records what it ran and how many ran at once. */
    private static final class SlowUnit {
        final List<List<Integer>> units = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        List<Integer> apply(List<Integer> inputs) {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                Thread.sleep(2);
                for (int i : inputs) {
                    if (i < 0) {
                        throw new IllegalArgumentException("negative input " + i);
                    }
                }
                units.add(List.copyOf(inputs));
                return inputs.stream().map(i -> i * 2).toList();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }
    }

    @Test
    void submit_manyCallers_eachGetsItsOwnResultOnceAndUnitsShareCallers() throws Exception {
        SlowUnit unit = new SlowUnit();
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(2, unit::apply);
        int threads = 32;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Boolean>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                done.add(pool.submit(() -> {
                    for (int i = base; i < base + each; i++) {
                        if (commit.submit(i, "test") != i * 2) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : done) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Integer> ran = unit.units.stream().flatMap(List::stream).sorted().toList();
        assertThat(ran).as("every input ran exactly once").hasSize(threads * each).doesNotHaveDuplicates();
        assertThat(unit.mostAtOnce.get()).as("units at once").isBetween(1, 2);
        assertThat(unit.units.stream().mapToInt(List::size).max().orElse(0)).as("largest unit").isGreaterThan(1);
    }

    @Test
    void submit_oneInputOfASharedUnitFails_onlyThatCallerGetsTheException() throws Exception {
        SlowUnit unit = new SlowUnit();
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(1, unit::apply);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = -1; i < 7; i++) {
                int input = i;
                results.add(pool.submit(() -> {
                    start.await();
                    return commit.submit(input, "test");
                }));
            }
            start.countDown();
            for (int i = 0; i < results.size(); i++) {
                int input = i - 1;
                if (input < 0) {
                    assertThatThrownBy(() -> results.get(0).get(60, TimeUnit.SECONDS))
                            .hasCauseInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative input -1");
                } else {
                    assertThat(results.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(input * 2);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void submit_interruptedWhileWaitingForATurn_throwsAndItsInputNeverRuns() throws Exception {
        CountDownLatch inUnit = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<Integer, Integer> commit = new GroupCommit<>(1, inputs -> {
            ran.addAll(inputs);
            inUnit.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return inputs;
        });
        Thread first = new Thread(() -> commit.submit(1, "the first"));
        first.start();
        inUnit.await();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread second = new Thread(() -> {
            try {
                commit.submit(2, "handling input 2");
            } catch (RuntimeException e) {
                thrown.set(e);
            }
        });
        second.start();
        Thread.sleep(50);
        second.interrupt();
        second.join(10_000);
        release.countDown();
        first.join(10_000);

        assertThat(thrown.get()).isInstanceOf(JdbcStoreException.class).hasMessage("interrupted while handling input 2");
        assertThat(ran).containsExactly(1);
    }
}
