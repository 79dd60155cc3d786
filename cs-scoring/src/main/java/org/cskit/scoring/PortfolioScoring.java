package org.cskit.scoring;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.scoring.spi.ScoreSummary;
import org.cskit.scoring.spi.ScoringStrategy;

/**
 * Scores a portfolio as a stream: snapshots are read in batches, each batch is scored in parallel,
 * and results come out in the order the snapshots came in, identical to scoring them one by one.
 * At most one batch of snapshots and its results is held at a time, so a million accounts need not
 * fit in memory. Immutable and thread-safe; the returned streams are lazy and single-use.
 *
 * <pre>{@code
 * PortfolioScoring.using(strategy).score(snapshots).forEach(host::save);
 * }</pre>
 */
public final class PortfolioScoring {
    /** The default number of snapshots read and scored together. */
    public static final int DEFAULT_BATCH_SIZE = 4096;

    private final ScoringStrategy strategy;
    private final int batchSize;
    private final ForkJoinPool pool;

    private PortfolioScoring(ScoringStrategy strategy, int batchSize, ForkJoinPool pool) {
        this.strategy = strategy;
        this.batchSize = batchSize;
        this.pool = pool;
    }

    /**
     * Scores with a strategy, in batches of {@value #DEFAULT_BATCH_SIZE} on the common pool.
     *
     * @param strategy the strategy
     * @return the portfolio scorer
     */
    public static PortfolioScoring using(ScoringStrategy strategy) {
        return new PortfolioScoring(Objects.requireNonNull(strategy, "strategy"), DEFAULT_BATCH_SIZE, ForkJoinPool.commonPool());
    }

    /**
     * Returns a scorer that reads and scores this many snapshots together.
     *
     * @param size the batch size, at least 1
     * @return a new scorer
     * @throws ValidationException if the size is below 1
     */
    public PortfolioScoring withBatchSize(int size) {
        if (size < 1) {
            throw new ValidationException("batchSize", "batchSize must be at least 1, but was " + size);
        }
        return new PortfolioScoring(strategy, size, pool);
    }

    /**
     * Returns a scorer that runs on the given pool (its parallelism sets how many accounts are scored at once).
     *
     * @param pool the pool
     * @return a new scorer
     */
    public PortfolioScoring withPool(ForkJoinPool pool) {
        return new PortfolioScoring(strategy, batchSize, Objects.requireNonNull(pool, "pool"));
    }

    /**
     * Scores every snapshot, with explanations.
     *
     * @param snapshots the snapshots; consumed lazily as the result is consumed
     * @return the vectors, in the snapshots' order
     * @throws ValidationException (when consumed) naming the account if a snapshot breaks a rule
     * @throws IllegalStateException (when consumed) naming the account if the strategy failed otherwise
     */
    public Stream<SuccessVector> score(Stream<AccountSnapshot> snapshots) {
        return map(snapshots, strategy::score);
    }

    /**
     * Scores every snapshot without explanations.
     *
     * @param snapshots the snapshots; consumed lazily as the result is consumed
     * @return the summaries, in the snapshots' order
     * @throws ValidationException (when consumed) naming the account if a snapshot cannot be scored
     */
    public Stream<ScoreSummary> summarize(Stream<AccountSnapshot> snapshots) {
        return map(snapshots, strategy::summarize);
    }

    private <R> Stream<R> map(Stream<AccountSnapshot> snapshots, Function<AccountSnapshot, R> score) {
        Iterator<AccountSnapshot> source = snapshots.iterator();
        Spliterator<R> batches = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL) {
            private Iterator<R> current = java.util.Collections.emptyIterator();

            @Override
            public boolean tryAdvance(Consumer<? super R> action) {
                if (!current.hasNext()) {
                    List<AccountSnapshot> batch = new ArrayList<>(batchSize);
                    while (batch.size() < batchSize && source.hasNext()) {
                        batch.add(source.next());
                    }
                    if (batch.isEmpty()) {
                        return false;
                    }
                    current = scoreBatch(batch, score).iterator();
                }
                action.accept(current.next());
                return true;
            }
        };
        return StreamSupport.stream(batches, false).onClose(snapshots::close);
    }

    private <R> List<R> scoreBatch(List<AccountSnapshot> batch, Function<AccountSnapshot, R> score) {
        Function<AccountSnapshot, R> named = s -> {
            try {
                return score.apply(s);
            } catch (ValidationException e) {
                throw new ValidationException(e.field(), "account '" + s.accountId() + "': " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new IllegalStateException("account '" + s.accountId() + "' could not be scored: " + e, e);
            }
        };
        try {
            return pool.submit(() -> batch.parallelStream().map(named).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring a portfolio", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("scoring a portfolio failed", e.getCause());
        }
    }
}
