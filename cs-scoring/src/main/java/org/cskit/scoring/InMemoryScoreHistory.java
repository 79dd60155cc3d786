package org.cskit.scoring;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.cskit.model.AccountId;
import org.cskit.model.ScorePoint;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;
import org.cskit.scoring.spi.ScoreHistory;

/**
 * A {@link ScoreHistory} in the JVM's heap: for tests, demos and hosts that score once and keep
 * nothing. It holds every vector saved (there is no retention), and loses them with the JVM.
 * Thread-safe: a batch is stored under one lock, so readers see all of it or none of it.
 */
public final class InMemoryScoreHistory implements ScoreHistory {
    private final Map<AccountId, NavigableMap<LocalDate, SuccessVector>> byAccount = new ConcurrentHashMap<>();

    private InMemoryScoreHistory() {}

    /**
     * Creates an empty store.
     *
     * @return the store
     */
    public static InMemoryScoreHistory create() {
        return new InMemoryScoreHistory();
    }

    @Override
    public synchronized int save(Collection<SuccessVector> vectors) {
        Map<AccountId, Map<LocalDate, Integer>> seen = new HashMap<>();
        int index = 0;
        for (SuccessVector v : vectors) {
            ScoreHistory.scored(index, v);
            LocalDate day = ScoreHistory.dayOf(v);
            Integer earlier = seen.computeIfAbsent(v.accountId(), k -> new HashMap<>()).putIfAbsent(day, index);
            if (earlier != null) {
                throw new ValidationException("vectors[" + index + "]", "vectors[" + earlier + "] and vectors["
                        + index + "] are both of account '" + v.accountId() + "' on " + day
                        + ": a batch holds at most one vector per account and day");
            }
            index++;
        }
        int stored = 0;
        for (SuccessVector v : vectors) {
            NavigableMap<LocalDate, SuccessVector> days = byAccount.computeIfAbsent(v.accountId(), k -> new TreeMap<>());
            LocalDate day = ScoreHistory.dayOf(v);
            SuccessVector old = days.get(day);
            if (old == null || !v.asOf().isBefore(old.asOf())) {
                days.put(day, v);
                stored++;
            }
        }
        return stored;
    }

    @Override
    public synchronized Optional<SuccessVector> vectorOn(AccountId account, LocalDate day) {
        NavigableMap<LocalDate, SuccessVector> days = byAccount.get(account);
        return days == null ? Optional.empty() : Optional.ofNullable(days.get(day));
    }

    @Override
    public synchronized Optional<SuccessVector> latestBefore(AccountId account, Instant before) {
        NavigableMap<LocalDate, SuccessVector> days = byAccount.get(account);
        if (days == null) {
            return Optional.empty();
        }
        for (SuccessVector v : days.descendingMap().values()) {
            if (v.asOf().isBefore(before)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized List<ScorePoint> scores(AccountId account, Instant from, Instant to) {
        List<ScorePoint> points = new ArrayList<>();
        NavigableMap<LocalDate, SuccessVector> days = byAccount.get(account);
        if (days != null) {
            for (SuccessVector v : days.values()) {
                if (!v.asOf().isBefore(from) && v.asOf().isBefore(to)) {
                    points.add(ScorePoint.of(v.asOf(), v.score()));
                }
            }
        }
        return points;
    }

    @Override
    public void forEachOn(LocalDate day, Consumer<SuccessVector> action) {
        List<SuccessVector> found = new ArrayList<>();
        synchronized (this) {
            for (NavigableMap<LocalDate, SuccessVector> days : byAccount.values()) {
                SuccessVector v = days.get(day);
                if (v != null) {
                    found.add(v);
                }
            }
        }
        found.forEach(action);
    }
}
