package org.cskit.cli.demo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.cskit.model.AccountId;
import org.cskit.model.FeatureSchema;
import org.cskit.playbooks.Action;
import org.cskit.playbooks.Fields;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Trigger;
import org.cskit.playbooks.engine.DryRunReport;
import org.cskit.playbooks.engine.EvaluationResult;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.engine.PlaybookInput;

/**
 * Runs playbooks over the scored portfolio on its last day, through a {@link PlaybookEngine} with its
 * in-memory history and a sink that collects the plays, and says of each playbook whether it fired,
 * and if not, whether it could have on this data. Playbooks that read a feature the snapshots do
 * not have are not run, and said so, rather than given invented data. The accounts are given a batch
 * at a time ({@link Collecting}), so that only the queue's first plays and counts are held.
 *
 * @param day the day evaluated
 * @param queue the plays, most urgent first, then by due date: all of them, or the first of them where a limit was given
 * @param statuses one per playbook, in the set's order
 * @param suppressed plays that fired but were not made, by the engine's reason ({@code ALREADY_OPEN},
 *     {@code COOLING_DOWN}...): with a kept state ({@code --state-db}), what earlier runs left open
 * @param plays how many plays were made, the queue's and any beyond it
 * @param byPlaybook plays per playbook, in the order of each playbook's first play in the queue
 * @param customers what the report shows of the accounts of the queue's plays, by id
 */
record PlaybookRun(LocalDate day, List<Play> queue, List<Status> statuses, Map<String, Integer> suppressed, long plays,
        Map<String, Long> byPlaybook, Map<AccountId, ScoredPortfolio.Customer> customers) {

    /** Whether a playbook fired. */
    enum Outcome {
        /** It made plays. */
        FIRED,
        /** It ran and could have fired, but no account met it. */
        DID_NOT_FIRE,
        /** It ran, but the data cannot make it fire. */
        CANNOT_FIRE,
        /** It reads a feature the data does not provide. */
        NOT_RUN
    }

    /**
     * One playbook's outcome.
     *
     * @param playbook the playbook
     * @param outcome what happened
     * @param plays how many plays it made
     * @param why the reason, in words
     */
    record Status(Playbook playbook, Outcome outcome, long plays, String why) {}

    /** Orders plays: most urgent first, then earliest due, then by account and playbook. */
    static final Comparator<Play> QUEUE_ORDER = Comparator.comparing(Play::priority, Comparator.reverseOrder())
            .thenComparing(PlaybookRun::due).thenComparing(Play::accountId).thenComparing(Play::playbookId);

    /**
     * Runs the playbooks on the last day of the scored portfolio and keeps every play.
     *
     * @param playbooks the playbooks
     * @param schema the snapshots' features
     * @param scored the scored portfolio
     * @param progress reports each account evaluated
     * @return the queue and each playbook's outcome
     */
    static PlaybookRun run(List<Playbook> playbooks, FeatureSchema schema, ScoredPortfolio scored, Progress progress) {
        Collecting c = new Collecting(playbooks, schema, null, Integer.MAX_VALUE);
        List<ScoredPortfolio.Scored> accounts = scored.last();
        progress.start("playbooks", accounts.size());
        for (int from = 0; from < accounts.size(); from += 1024) {
            List<ScoredPortfolio.Scored> batch = accounts.subList(from, Math.min(accounts.size(), from + 1024));
            c.evaluate(batch);
            progress.advance(batch.size());
        }
        progress.finish();
        return c.finish(scored.days().get(scored.days().size() - 1));
    }

    /**
     * Playbooks run over a portfolio's accounts on one day, a batch at a time: the plays are counted
     * and the first {@code limit} of the queue kept, with what the report shows of their accounts;
     * the features the playbooks read are summed up for the playbooks that do not fire. Not thread-safe.
     */
    static final class Collecting {
        private final List<Playbook> playbooks;
        private final PlaybookEngine engine; // null: no playbook can run
        private final Map<String, String> notRun = new HashMap<>();
        private final ConcurrentLinkedQueue<Play> sink = new ConcurrentLinkedQueue<>();
        private final Map<String, Integer> suppressed = new HashMap<>();
        private final Map<String, Integer> reasons = new java.util.TreeMap<>();
        private final int limit;
        private final java.util.TreeMap<Play, ScoredPortfolio.Customer> queue = new java.util.TreeMap<>(QUEUE_ORDER);
        private final Map<String, Long> plays = new HashMap<>();
        private final Map<String, Play> firstPlay = new HashMap<>();
        private final Map<String, double[]> seen = new HashMap<>(); // per feature: accounts with it, min, max
        private long total;

        /**
         * @param playbooks the playbooks
         * @param schema the snapshots' features
         * @param store the engine's state, or null for a new in-memory one
         * @param limit how many of the queue's first plays to keep
         */
        Collecting(List<Playbook> playbooks, FeatureSchema schema, org.cskit.playbooks.spi.PlayStateStore store, int limit) {
            this.playbooks = playbooks;
            this.limit = limit;
            List<Playbook> runnable = new ArrayList<>();
            for (Playbook p : playbooks) {
                Set<String> unknown = unknownFeatures(p, schema);
                if (unknown.isEmpty()) {
                    runnable.add(p);
                    Set<String> fields = new LinkedHashSet<>(p.fields());
                    fields.addAll(p.trigger().fields());
                    for (String field : fields) {
                        if (!Fields.isBuiltIn(field)) {
                            seen.putIfAbsent(field, new double[] {0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY});
                        }
                    }
                } else {
                    notRun.put(p.id(), "reads " + String.join(", ", unknown) + ", which the data does not provide");
                }
            }
            if (runnable.isEmpty()) {
                engine = null;
            } else {
                PlaybookEngine.Builder builder = PlaybookEngine.builder().schema(schema).playbooks(runnable).sink(h -> sink.add(h.play()));
                if (store != null) {
                    builder.store(store);
                }
                engine = builder.build();
            }
        }

        /**
         * Evaluates a batch of accounts.
         *
         * @param accounts the accounts, each with its snapshot and vector on the day
         * @return the plays made per account of the batch (accounts with none left out)
         */
        Map<AccountId, Integer> evaluate(List<ScoredPortfolio.Scored> accounts) {
            if (engine == null) {
                return Map.of();
            }
            for (ScoredPortfolio.Scored s : accounts) {
                seen.forEach((field, stats) -> s.snapshot().features().value(field).ifPresent(v -> {
                    stats[0]++;
                    stats[1] = Math.min(stats[1], v);
                    stats[2] = Math.max(stats[2], v);
                }));
            }
            Map<AccountId, ScoredPortfolio.Customer> customers = new HashMap<>();
            accounts.forEach(s -> customers.put(s.account().id(), s.account()));
            engine.evaluateAll(accounts.stream().map(s -> PlaybookInput.of(s.snapshot(), s.vector())), 64).forEach(r -> {
                for (EvaluationResult.Suppressed s : r.suppressed()) {
                    suppressed.merge(s.playbookId(), 1, Integer::sum);
                    reasons.merge(s.reason().split(" ", 2)[0].replace(":", ""), 1, Integer::sum);
                }
            });
            Map<AccountId, Integer> perAccount = new HashMap<>();
            for (Play p; (p = sink.poll()) != null;) {
                total++;
                perAccount.merge(p.accountId(), 1, Integer::sum);
                plays.merge(p.playbookId(), 1L, Long::sum);
                firstPlay.merge(p.playbookId(), p, (a, b) -> QUEUE_ORDER.compare(a, b) <= 0 ? a : b);
                if (queue.size() < limit || QUEUE_ORDER.compare(p, queue.lastKey()) < 0) {
                    queue.put(p, customers.get(p.accountId()));
                    if (queue.size() > limit) {
                        queue.pollLastEntry();
                    }
                }
            }
            return perAccount;
        }

        /**
         * The run.
         *
         * @param day the day evaluated
         * @return the queue and each playbook's outcome
         */
        PlaybookRun finish(LocalDate day) {
            List<Status> statuses = new ArrayList<>();
            for (Playbook p : playbooks) {
                long n = plays.getOrDefault(p.id(), 0L);
                if (notRun.containsKey(p.id())) {
                    statuses.add(new Status(p, Outcome.NOT_RUN, 0, notRun.get(p.id())));
                } else if (n > 0) {
                    statuses.add(new Status(p, Outcome.FIRED, n, n + " play" + (n == 1 ? "" : "s")));
                } else {
                    statuses.add(quiet(p, seen, suppressed.getOrDefault(p.id(), 0)));
                }
            }
            Map<String, Long> byPlaybook = new LinkedHashMap<>();
            firstPlay.values().stream().sorted(QUEUE_ORDER).forEach(p -> byPlaybook.put(p.playbookId(), plays.get(p.playbookId())));
            Map<AccountId, ScoredPortfolio.Customer> customers = new HashMap<>();
            queue.forEach((play, customer) -> {
                if (customer != null) {
                    customers.put(play.accountId(), customer);
                }
            });
            return new PlaybookRun(day, List.copyOf(queue.keySet()), List.copyOf(statuses), Map.copyOf(reasons), total,
                    java.util.Collections.unmodifiableMap(byPlaybook), Map.copyOf(customers));
        }
    }

    /**
     * Replays the playbooks over every day of the scored portfolio, each account's days in time order, without delivering anything.
     *
     * @param playbooks the playbooks, all of whose features the schema has
     * @param schema the snapshots' features
     * @param scored the scored portfolio, with every day's scores kept
     * @return what each playbook would have done
     */
    static DryRunReport dryRun(List<Playbook> playbooks, FeatureSchema schema, ScoredPortfolio scored) {
        PlaybookEngine engine = PlaybookEngine.builder().schema(schema).playbooks(playbooks).build();
        return engine.dryRun(scored.everyDay().stream().map(s -> PlaybookInput.of(s.snapshot(), s.vector())));
    }

    /**
     * The features a playbook reads that the schema does not have (built-in fields such as
     * {@code vector.band} are always there).
     *
     * @param playbook the playbook
     * @param schema the features
     * @return the missing features, in the playbook's order
     */
    static Set<String> unknownFeatures(Playbook playbook, FeatureSchema schema) {
        Set<String> unknown = new LinkedHashSet<>();
        for (String field : playbook.fields()) {
            if (!Fields.isBuiltIn(field) && schema.indexOf(field) < 0) {
                unknown.add(field);
            }
        }
        return unknown;
    }

    /** Why a playbook that ran made no play: the data cannot make it fire, or no account met it. */
    static Status quiet(Playbook p, Map<String, double[]> seen, int suppressed) {
        if (p.trigger().kind() == Trigger.Kind.EVENT) {
            return new Status(p, Outcome.CANNOT_FIRE, 0, "starts on a " + ((Trigger.OnEvent) p.trigger()).event()
                    + " event, and the data has no events");
        }
        List<String> neverPresent = new ArrayList<>();
        for (String field : p.trigger().fields()) {
            if (!Fields.isBuiltIn(field) && seen.get(field)[0] == 0) {
                neverPresent.add(field);
            }
        }
        if (!neverPresent.isEmpty()) {
            return new Status(p, Outcome.CANNOT_FIRE, 0, "its trigger reads " + String.join(", ", neverPresent)
                    + ", which is missing for every account");
        }
        return new Status(p, Outcome.DID_NOT_FIRE, 0, "no account met it" + (suppressed > 0 ? " (" + suppressed
                + " firings suppressed by its repeat policy)" : "") + seen(p, seen));
    }

    /** The range of each feature the playbook reads, over the accounts that have it: how near they came. */
    private static String seen(Playbook p, Map<String, double[]> seen) {
        List<String> ranges = new ArrayList<>();
        for (String field : p.fields()) {
            if (Fields.isBuiltIn(field)) {
                continue;
            }
            double[] values = seen.get(field);
            if (values[0] > 0) {
                ranges.add(field + " " + number(values[1]) + " to " + number(values[2]) + " in " + (long) values[0] + " accounts");
            }
        }
        return ranges.isEmpty() ? "" : "; seen: " + String.join(", ", ranges);
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * A play's earliest due date.
     *
     * @param play the play
     * @return the earliest due date of its actions
     */
    static LocalDate due(Play play) {
        return play.actions().stream().map(Play.PlannedAction::due).min(Comparator.naturalOrder()).orElseThrow();
    }

    /**
     * Who owns a play: the owner roles of its tasks, or, without a task, what its actions are.
     *
     * @param play the play
     * @return the owners, such as {@code CSM} or {@code Account executive, CSM}
     */
    static String owners(Play play) {
        Set<String> owners = new LinkedHashSet<>();
        for (Play.PlannedAction a : play.actions()) {
            if (a.action().actionKind() == Action.Kind.TASK) {
                owners.add(((Action.Task) a.action()).ownerRole());
            }
        }
        return owners.isEmpty() ? "account team" : String.join(", ", owners);
    }

    /**
     * A play's reason in one line: the trigger, then each condition with what it saw.
     *
     * @param play the play
     * @return the reason
     */
    static String reason(Play play) {
        StringBuilder s = new StringBuilder(play.reason().trigger());
        for (Play.ConditionOutcome c : play.reason().conditions()) {
            s.append("; ").append(c.condition()).append(": ").append(c.actual()).append(c.held() ? "" : " (did not hold)");
        }
        return s.toString();
    }

    /**
     * One action in one line, such as {@code task for CSM, due 2025-01-07: ...}.
     *
     * @param a the action
     * @return the line
     */
    static String describe(Play.PlannedAction a) {
        return switch (a.action().actionKind()) {
            case TASK -> "task for " + ((Action.Task) a.action()).ownerRole() + ", due " + a.due() + ": " + a.text();
            case MESSAGE -> ((Action.Message) a.action()).channel() + " to " + ((Action.Message) a.action()).recipientRole() + ": "
                    + a.text();
            case SCHEDULE_REVIEW -> "review on " + a.due() + ": " + a.text();
            case ADD_MILESTONE -> "add milestone due " + a.due() + ": " + a.text();
            case TAG -> "tag: " + a.text();
        };
    }
}
