package org.cskit.testkit.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/** Runs tasks on many threads released at once, so that they overlap as much as they can. */
final class Concurrently {
    private Concurrently() {}

    /**
     * Runs one task per index on its own thread, all started together, and returns their results
     * by index. A task's failure fails the caller with the task's own error.
     */
    static <T> List<T> run(int tasks, IntFunction<T> task) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(tasks);
        try {
            CountDownLatch ready = new CountDownLatch(tasks);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                int index = i;
                Callable<T> call = () -> {
                    ready.countDown();
                    go.await();
                    return task.apply(index);
                };
                futures.add(pool.submit(call));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                try {
                    results.add(f.get(60, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new AssertionError("a concurrent call failed: " + cause, cause);
                } catch (TimeoutException e) {
                    throw new AssertionError("a concurrent call did not finish within 60 seconds (deadlock?)", e);
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
