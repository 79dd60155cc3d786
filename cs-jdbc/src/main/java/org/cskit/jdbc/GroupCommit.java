package org.cskit.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Group commit: callers that arrive while others' work is in flight wait, and the first of them
 * to get a turn runs all the waiting callers' inputs as one unit of work (one transaction, one
 * durable commit), at most {@code maxInFlight} units at once. If a unit of several inputs fails,
 * each input is run again on its own, so that one caller's failure is not another's. Thread-safe.
 *
 * @param <I> what a caller brings
 * @param <R> what it gets back
 */
final class GroupCommit<I, R> {
    private final int maxInFlight;
    private final Function<List<I>, List<R>> unit;
    private final Object lock = new Object();
    private List<Request<I, R>> waiting = new ArrayList<>();
    private int inFlight;

    /**
     * @param maxInFlight how many units may run at once
     * @param unit runs inputs as one unit of work, returning one result per input in their order
     */
    GroupCommit(int maxInFlight, Function<List<I>, List<R>> unit) {
        this.maxInFlight = maxInFlight;
        this.unit = unit;
    }

    /** One caller's input, and what became of it. Guarded by {@link #lock}. */
    private static final class Request<I, R> {
        final I input;
        final Thread caller;
        boolean done;
        R result;
        RuntimeException failure;
        /** Set when this caller is to run a unit: the requests it holds (its own among them). */
        List<Request<I, R>> lead;

        Request(I input, Thread caller) {
            this.input = input;
            this.caller = caller;
        }
    }

    /**
     * Runs an input, with others that arrive together. A caller that finds a unit free runs
     * everything waiting at once; the others sleep until their unit is done, or until a finished
     * unit hands them the next one to run. Only those threads are woken, not every waiting one.
     *
     * @param input the input
     * @param what what the caller is doing, for the exception when interrupted
     * @return its result, once its unit of work is done
     * @throws RuntimeException what its unit (or, after a shared unit failed, its own) threw
     */
    R submit(I input, String what) {
        Request<I, R> request = new Request<>(input, Thread.currentThread());
        boolean interrupted = false;
        List<Request<I, R>> group;
        synchronized (lock) {
            waiting.add(request);
            group = inFlight < maxInFlight ? take() : null;
        }
        while (group == null) {
            LockSupport.park(this);
            synchronized (lock) {
                if (request.done) {
                    break;
                }
                group = request.lead;
                if (group == null && Thread.interrupted()) {
                    if (waiting.remove(request)) {
                        Thread.currentThread().interrupt();
                        throw new JdbcStoreException("interrupted while " + what, new InterruptedException());
                    }
                    // Already in another caller's unit: wait for its outcome, and keep the interrupt for later.
                    interrupted = true;
                }
            }
        }
        if (group != null) {
            try {
                run(group);
            } finally {
                synchronized (lock) {
                    inFlight--;
                    for (Request<I, R> r : group) {
                        if (r != request) {
                            LockSupport.unpark(r.caller);
                        }
                    }
                    if (!waiting.isEmpty()) {
                        // The freed unit goes to the longest waiting caller, with everything waiting now.
                        Request<I, R> next = waiting.get(0);
                        next.lead = take();
                        LockSupport.unpark(next.caller);
                    }
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            if (request.failure != null) {
                throw request.failure;
            }
            return request.result;
        }
    }

    /** Takes every waiting request as one unit in flight. Holds {@link #lock}. */
    private List<Request<I, R>> take() {
        List<Request<I, R>> group = waiting;
        waiting = new ArrayList<>();
        inFlight++;
        return group;
    }

    private void run(List<Request<I, R>> group) {
        List<I> inputs = new ArrayList<>(group.size());
        for (Request<I, R> r : group) {
            inputs.add(r.input);
        }
        try {
            List<R> results = unit.apply(inputs);
            synchronized (lock) {
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).result = results.get(i);
                    group.get(i).done = true;
                }
            }
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                synchronized (lock) {
                    group.get(0).failure = e;
                    group.get(0).done = true;
                }
                return;
            }
            for (Request<I, R> r : group) {
                run(List.of(r));
            }
        }
    }
}
