package org.cskit.playbooks.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.cskit.model.AccountId;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.RepeatPolicy;
import org.cskit.playbooks.spi.PlayHistory;

/**
 * The default {@link PlayHistory}: everything in memory, one lock per account, so that admission
 * is atomic per account while different accounts proceed in parallel. It keeps every play it
 * admitted; call {@link #forgetClosedBefore} to bound its memory. Thread-safe.
 */
public final class InMemoryPlayHistory implements PlayHistory {
    private final Map<AccountId, List<Entry>> accounts = new ConcurrentHashMap<>();

    /** Creates an empty history. */
    public InMemoryPlayHistory() {}

    @Override
    public Admission admit(Play play, RepeatPolicy policy) {
        List<Entry> entries = accounts.computeIfAbsent(play.accountId(), a -> new ArrayList<>());
        synchronized (entries) {
            Instant now = play.createdAt();
            Instant last = null;
            int inWindow = 0;
            Instant windowStart = policy.limit().map(l -> now.minus(l.period())).orElse(null);
            for (Entry e : entries) {
                Play p = e.play();
                if (!p.playbookId().equals(play.playbookId())) {
                    continue;
                }
                if (e.status() != Status.CLOSED && p.situation().equals(play.situation())) {
                    return Admission.ALREADY_OPEN;
                }
                if (last == null || p.createdAt().isAfter(last)) {
                    last = p.createdAt();
                }
                if (windowStart != null && p.createdAt().isAfter(windowStart) && !p.createdAt().isAfter(now)) {
                    inWindow++;
                }
            }
            if (last != null && !policy.cooldown().isZero() && now.isBefore(last.plus(policy.cooldown()))) {
                return Admission.COOLING_DOWN;
            }
            if (policy.limit().isPresent() && inWindow >= policy.limit().get().count()) {
                return Admission.LIMIT_REACHED;
            }
            entries.add(new Entry(play, Status.PENDING, Optional.empty()));
            return Admission.ADMITTED;
        }
    }

    @Override
    public void confirm(AccountId account, String key) {
        replace(account, key, Status.PENDING, e -> new Entry(e.play(), Status.OPEN, Optional.empty()));
    }

    @Override
    public void release(AccountId account, String key) {
        List<Entry> entries = accounts.get(account);
        if (entries == null) {
            return;
        }
        synchronized (entries) {
            entries.removeIf(e -> e.status() == Status.PENDING && e.play().key().equals(key));
        }
    }

    @Override
    public boolean close(AccountId account, String key, Instant at) {
        return replace(account, key, Status.OPEN, e -> new Entry(e.play(), Status.CLOSED, Optional.of(at)));
    }

    @Override
    public List<Play> openPlays(AccountId account) {
        List<Entry> entries = accounts.get(account);
        if (entries == null) {
            return List.of();
        }
        synchronized (entries) {
            List<Play> open = new ArrayList<>();
            for (Entry e : entries) {
                if (e.status() == Status.OPEN) {
                    open.add(e.play());
                }
            }
            return open;
        }
    }

    @Override
    public Optional<Instant> lastPlay(AccountId account, String playbookId) {
        List<Entry> entries = accounts.get(account);
        if (entries == null) {
            return Optional.empty();
        }
        synchronized (entries) {
            Instant last = null;
            for (Entry e : entries) {
                if (e.play().playbookId().equals(playbookId) && (last == null || e.play().createdAt().isAfter(last))) {
                    last = e.play().createdAt();
                }
            }
            return Optional.ofNullable(last);
        }
    }

    @Override
    public List<Entry> entries(AccountId account) {
        List<Entry> entries = accounts.get(account);
        if (entries == null) {
            return List.of();
        }
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /**
     * Drops closed plays that closed before a time. Cooldowns and limits only look back as far as
     * their own windows, so dropping plays older than the longest window changes no decision.
     *
     * @param before the cut-off
     * @return how many plays were dropped
     */
    public int forgetClosedBefore(Instant before) {
        int dropped = 0;
        for (List<Entry> entries : accounts.values()) {
            synchronized (entries) {
                int size = entries.size();
                entries.removeIf(e -> e.status() == Status.CLOSED && e.closedAt().orElseThrow().isBefore(before));
                dropped += size - entries.size();
            }
        }
        return dropped;
    }

    private boolean replace(AccountId account, String key, Status from, java.util.function.UnaryOperator<Entry> change) {
        List<Entry> entries = accounts.get(account);
        if (entries == null) {
            return false;
        }
        synchronized (entries) {
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                if (e.status() == from && e.play().key().equals(key)) {
                    entries.set(i, change.apply(e));
                    return true;
                }
            }
            return false;
        }
    }
}
