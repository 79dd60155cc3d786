package org.cskit.playbooks.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.event.AccountEvents;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.PlayHistory;

/**
 * Evaluates a set of playbooks, compiled once against the feature schema the snapshots follow:
 * every field a playbook reads is checked then, identical comparisons are shared between
 * playbooks and evaluated once per account, and conditions are evaluated only for playbooks whose
 * trigger fired or that have a play open. Thread-safe: evaluate many accounts from many threads.
 *
 * <p>One evaluation of an account, in order: for each playbook whose audience includes the
 * account, the trigger is checked, then the conditions; open plays whose situation no longer holds
 * are closed (with auto-close); of the playbooks that fired, mutual exclusion keeps the most urgent
 * per group; each remaining play is admitted by the {@link PlayHistory} (one open play per
 * situation, cooldown, limit, atomically per account), delivered to the {@link ActionSink}, and
 * confirmed, or released if delivery failed. Each play carries its reason: the trigger and every
 * condition with the values it saw, computed only for plays actually made.
 *
 * <pre>{@code
 * PlaybookEngine engine = PlaybookEngine.builder().schema(schema).playbooks(playbooks).sink(tasks::create).build();
 * EvaluationResult result = engine.evaluate(PlaybookInput.of(snapshot, vector));
 * }</pre>
 *
 * <p>Two paths, the same rules. {@link #evaluate(PlaybookInput)} and {@link #onEvent} take one
 * account as objects and build every play with its reason; use them per account and per event.
 * {@link #evaluate(AccountBatch, RowPlayHistory, RowSink)} takes a whole portfolio as columns,
 * evaluates each test once per 64 accounts, and builds a play only when asked ({@link #play}); use
 * it for nightly runs over millions of accounts. Each path keeps its own history.
 */
public final class PlaybookEngine {
    private final List<Playbook> playbooks;
    private final FeatureSchema schema;
    private final CompiledPlaybook[] compiled;
    private final Map<String, CompiledPlaybook> byId = new HashMap<>();
    private final Map<String, CompiledPlaybook[]> byEvent;
    private final int atomCount;
    private final PlayHistory history;
    private final ActionSink sink;
    private final RowEvaluator rows;

    private PlaybookEngine(Builder b) {
        this.playbooks = List.copyOf(b.playbooks);
        this.schema = Validate.present("schema", b.schema);
        this.history = b.history;
        this.sink = b.sink;
        Map<String, Integer> atoms = new HashMap<>();
        List<EvalContext.Atom> atomList = new ArrayList<>();
        compiled = compileAll(playbooks, schema, atoms, atomList);
        atomCount = atomList.size();
        for (CompiledPlaybook p : compiled) {
            byId.put(p.id, p);
        }
        Map<String, List<CompiledPlaybook>> events = new HashMap<>();
        for (CompiledPlaybook p : compiled) {
            if (p.trigger.eventType() != null) {
                events.computeIfAbsent(p.trigger.eventType(), k -> new ArrayList<>()).add(p);
            }
        }
        Map<String, CompiledPlaybook[]> index = new HashMap<>();
        events.forEach((type, list) -> index.put(type, list.toArray(new CompiledPlaybook[0])));
        byEvent = index;
        rows = new RowEvaluator(compiled, new RowProgram(playbooks, schema));
    }

    private static CompiledPlaybook[] compileAll(List<Playbook> playbooks, FeatureSchema schema, Map<String, Integer> atoms,
            List<EvalContext.Atom> atomList) {
        CompiledPlaybook[] result = new CompiledPlaybook[playbooks.size()];
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < playbooks.size(); i++) {
            Playbook p = playbooks.get(i);
            if (!ids.add(p.id())) {
                throw Validate.invalid("[" + i + "].id", "duplicate playbook id '" + p.id() + "'");
            }
            result[i] = new CompiledPlaybook(p, i, schema, "[" + i + "]", atoms, atomList);
        }
        return result;
    }

    /**
     * Reads playbooks from JSON and checks them fully against the features they will see: unknown
     * properties, wrong types, unknown events, impossible windows, and fields that are neither
     * built-in nor in the schema all fail with the JSON path.
     *
     * @param json a JSON array of playbooks
     * @param schema the features the snapshots will carry
     * @return the playbooks
     * @throws JsonInputException naming the JSON path of the first problem
     */
    public static List<Playbook> readJson(String json, FeatureSchema schema) {
        List<Playbook> playbooks = CsJson.create().readList(json, Playbook.class);
        try {
            compileAll(playbooks, schema, new HashMap<>(), new ArrayList<>());
        } catch (ValidationException e) {
            throw new JsonInputException("$" + e.field(), e.getMessage(), "", e);
        }
        return playbooks;
    }

    /**
     * Starts an engine.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The playbooks, in their set's order (which breaks ties in mutual exclusion).
     *
     * @return the playbooks
     */
    public List<Playbook> playbooks() {
        return playbooks;
    }

    /**
     * The history the engine records plays in.
     *
     * @return the history
     */
    public PlayHistory history() {
        return history;
    }

    /**
     * Evaluates every playbook for one account.
     *
     * @param input the account
     * @return what the evaluation did
     * @throws ValidationException if the snapshot's features follow another schema
     */
    public EvaluationResult evaluate(PlaybookInput input) {
        return run(input, compiled);
    }

    /**
     * The incremental path: evaluates only the playbooks the input's event can start (those
     * triggered by that event type). Plays of other playbooks are neither created nor closed.
     *
     * @param input the account, with the event being handled
     * @return what the evaluation did
     * @throws ValidationException if the input has no event
     */
    public EvaluationResult onEvent(PlaybookInput input) {
        if (input.event().isEmpty()) {
            throw Validate.invalid("event", "onEvent needs an input with an event; use evaluate for a full evaluation");
        }
        CompiledPlaybook[] affected = byEvent.get(AccountEvents.typeOf(input.event().get()));
        return run(input, affected == null ? new CompiledPlaybook[0] : affected);
    }

    /**
     * Evaluates a whole portfolio as a stream: inputs are read in batches, each batch is evaluated
     * in parallel on the common pool, and results come out in the inputs' order. At most one batch
     * is held at a time. Give each account once per stream (use {@link #evaluate} in time order to
     * replay one account's history).
     *
     * @param inputs one input per account; consumed lazily as the result is consumed
     * @param batchSize how many inputs to evaluate together, at least 1
     * @return the results, in the inputs' order
     * @throws ValidationException if the batch size is below 1
     */
    public Stream<EvaluationResult> evaluateAll(Stream<PlaybookInput> inputs, int batchSize) {
        Validate.atLeast("batchSize", batchSize, 1);
        java.util.Iterator<PlaybookInput> source = inputs.iterator();
        java.util.Spliterator<EvaluationResult> batches = new java.util.Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
                java.util.Spliterator.ORDERED | java.util.Spliterator.NONNULL) {
            private java.util.Iterator<EvaluationResult> current = java.util.Collections.emptyIterator();

            @Override
            public boolean tryAdvance(java.util.function.Consumer<? super EvaluationResult> action) {
                if (!current.hasNext()) {
                    List<PlaybookInput> batch = new ArrayList<>(batchSize);
                    while (batch.size() < batchSize && source.hasNext()) {
                        batch.add(source.next());
                    }
                    if (batch.isEmpty()) {
                        return false;
                    }
                    current = batch.parallelStream().map(PlaybookEngine.this::evaluate).toList().iterator();
                }
                action.accept(current.next());
                return true;
            }
        };
        return java.util.stream.StreamSupport.stream(batches, false).onClose(inputs::close);
    }

    /**
     * A fresh history for columnar evaluation of up to {@code rows} rows with this engine's
     * playbooks.
     *
     * @param rows the number of rows (accounts) it remembers plays for
     * @return an empty history
     * @throws ValidationException if rows is negative or rows x playbooks does not fit one array
     */
    public RowPlayHistory newRowHistory(int rows) {
        return new RowPlayHistory(this, rows);
    }

    /**
     * Evaluates every playbook for every row of a columnar portfolio: the fast path for millions of
     * accounts. Same rules and same plays as {@link #evaluate(PlaybookInput)} on the equivalent
     * inputs, except that event and manual triggers never fire (there is no event in a batch) and
     * plays are not built: the sink gets (row, playbook) pairs, and {@link #play} builds the full
     * play, with its reason, for those the host carries out. Allocates nothing per row.
     *
     * @param columns the accounts
     * @param history the plays made so far, from {@link #newRowHistory}
     * @param sink where plays go
     * @return counts of what was done
     * @throws ValidationException if the columns follow another schema or the history belongs to
     *     another engine or has fewer rows
     */
    public BatchResult evaluate(AccountBatch columns, RowPlayHistory history, RowSink sink) {
        return evaluate(columns, 0, columns.size(), history, sink);
    }

    /**
     * Evaluates rows {@code [from, to)} of a columnar portfolio; see
     * {@link #evaluate(AccountBatch, RowPlayHistory, RowSink)}. Calls on disjoint ranges may run in
     * parallel (with a thread-safe sink).
     *
     * @param columns the accounts
     * @param from the first row
     * @param to the row after the last
     * @param history the plays made so far
     * @param sink where plays go
     * @return counts of what was done
     */
    public BatchResult evaluate(AccountBatch columns, int from, int to, RowPlayHistory history, RowSink sink) {
        check(columns, history);
        Objects.checkFromToIndex(from, to, columns.size());
        Objects.requireNonNull(sink, "sink");
        return rows.evaluate(columns, from, to, history, sink);
    }

    /**
     * Evaluates a columnar portfolio on the common fork-join pool, in disjoint slices of rows, each
     * row by one thread. The sink is called from several threads at once.
     *
     * @param columns the accounts
     * @param history the plays made so far
     * @param sink a thread-safe sink
     * @return counts of what was done, added up
     */
    public BatchResult evaluateParallel(AccountBatch columns, RowPlayHistory history, RowSink sink) {
        check(columns, history);
        Objects.requireNonNull(sink, "sink");
        int slice = 16 * RowProgram.CHUNK;
        int slices = (columns.size() + slice - 1) / slice;
        return java.util.stream.IntStream.range(0, slices).parallel()
                .mapToObj(i -> rows.evaluate(columns, i * slice, Math.min(columns.size(), (i + 1) * slice), history, sink))
                .reduce(new BatchResult(0, 0, 0, 0, List.of()), BatchResult::plus);
    }

    /**
     * The play a playbook makes (or would make) for a row of a columnar portfolio, with its
     * actions, reason and idempotency key: what {@link #evaluate(PlaybookInput)} builds for the
     * equivalent input. Builds it afresh on each call; it does not consult or change any history.
     *
     * @param columns the accounts
     * @param row the row
     * @param playbook the playbook's index in {@link #playbooks()}
     * @return the play
     */
    public Play play(AccountBatch columns, int row, int playbook) {
        checkSchema(columns);
        Objects.checkIndex(row, columns.size());
        Objects.checkIndex(playbook, compiled.length);
        return compiled[playbook].play(new EvalContext(columns, row, atomCount));
    }

    /** The index of a playbook in {@link #playbooks()}. */
    int indexOf(String playbookId) {
        CompiledPlaybook p = byId.get(playbookId);
        if (p == null) {
            throw Validate.invalid("playbookId", "unknown playbook '" + playbookId + "'; known: " + byId.keySet());
        }
        return p.index;
    }

    private void checkSchema(AccountBatch columns) {
        if (!columns.schema().equals(schema)) {
            throw Validate.invalid("columns.schema", "the columns follow " + columns.schema() + ", but the playbooks were compiled for "
                    + schema + ": the columns' schema " + schema.differenceFrom(columns.schema()));
        }
    }

    private void check(AccountBatch columns, RowPlayHistory history) {
        checkSchema(columns);
        if (history.engine != this) {
            throw Validate.invalid("history", "the row history was made by another engine; use this engine's newRowHistory");
        }
        if (history.rows() < columns.size()) {
            throw Validate.invalid("history", "the row history has " + history.rows() + " rows, but the columns have "
                    + columns.size());
        }
    }

    /**
     * Replays past inputs against a fresh in-memory history and no sink, and reports what each
     * playbook would have done, before it goes live. Give each account's inputs in time order.
     *
     * @param inputs past inputs
     * @return the report
     */
    public DryRunReport dryRun(Stream<PlaybookInput> inputs) {
        PlaybookEngine rehearsal = builder().schema(schema).playbooks(playbooks).history(new InMemoryPlayHistory())
                .sink(play -> { }).build();
        Map<String, DryRunReport.Tally> tallies = new LinkedHashMap<>();
        playbooks.forEach(p -> tallies.put(p.id(), new DryRunReport.Tally()));
        inputs.forEach(input -> {
            EvaluationResult r = rehearsal.evaluate(input);
            r.created().forEach(p -> tallies.get(p.playbookId()).play(p));
            r.closed().forEach(p -> tallies.get(p.playbookId()).closed++);
            r.suppressed().forEach(s -> tallies.get(s.playbookId()).suppressed++);
        });
        List<DryRunReport.PlaybookSummary> summaries = new ArrayList<>();
        tallies.forEach((id, t) -> summaries.add(new DryRunReport.PlaybookSummary(id, t.plays, new TreeSet<>(t.accounts),
                t.closed, t.suppressed)));
        return new DryRunReport(summaries);
    }

    private EvaluationResult run(PlaybookInput input, CompiledPlaybook[] set) {
        if (!input.snapshot().features().schema().equals(schema)) {
            throw Validate.invalid("snapshot.features", "the snapshot's features follow " + input.snapshot().features().schema()
                    + ", but the playbooks were compiled for " + schema + ": the snapshot's schema "
                    + schema.differenceFrom(input.snapshot().features().schema()));
        }
        EvalContext c = new EvalContext(input, atomCount, history);
        var account = input.snapshot().accountId();
        List<Play> open = history.openPlays(account);
        Set<String> withOpenPlays = open.isEmpty() ? Set.of() : new java.util.HashSet<>();
        for (Play play : open) {
            withOpenPlays.add(play.playbookId());
        }
        List<Play> closed = new ArrayList<>(0);
        List<CompiledPlaybook> fired = new ArrayList<>(0);
        for (CompiledPlaybook p : set) {
            boolean inAudience = p.inAudience(c);
            boolean fires = inAudience && p.trigger.fires(c, p.id);
            boolean hasOpen = p.closes && withOpenPlays.contains(p.id);
            if (!fires && !hasOpen) {
                continue;
            }
            boolean conditions = inAudience && p.conditionsHold(c);
            if (fires && conditions) {
                fired.add(p);
            }
            if (hasOpen) {
                boolean holds = inAudience && conditions && p.trigger.holds(c);
                String situation = holds ? p.trigger.situation(c) : null;
                for (Play play : open) {
                    if (play.playbookId().equals(p.id) && !play.situation().equals(situation)
                            && history.close(account, play.key(), input.snapshot().asOf())) {
                        closed.add(play);
                    }
                }
            }
        }
        List<EvaluationResult.Suppressed> suppressed = new ArrayList<>(0);
        List<Play> created = new ArrayList<>(fired.size());
        List<EvaluationResult.Failure> failed = new ArrayList<>(0);
        for (CompiledPlaybook p : fired) {
            Optional<String> excludedBy = excludedBy(p, fired, open, closed);
            if (excludedBy.isPresent()) {
                suppressed.add(new EvaluationResult.Suppressed(p.id, p.trigger.situation(c), "EXCLUDED by " + excludedBy.get()));
                continue;
            }
            Play play = p.play(c);
            PlayHistory.Admission admission = history.admit(play, p.playbook.repeat());
            if (admission != PlayHistory.Admission.ADMITTED) {
                suppressed.add(new EvaluationResult.Suppressed(p.id, play.situation(), admission.name()));
                continue;
            }
            try {
                sink.deliver(play);
            } catch (RuntimeException e) {
                history.release(account, play.key());
                failed.add(new EvaluationResult.Failure(play, String.valueOf(e.getMessage())));
                continue;
            }
            history.confirm(account, play.key());
            created.add(play);
        }
        return new EvaluationResult(created, closed, suppressed, failed);
    }

    /** Mutual exclusion: a more urgent (or, equally urgent, earlier listed) member fired, or another member's play is open. */
    private Optional<String> excludedBy(CompiledPlaybook p, List<CompiledPlaybook> fired, List<Play> open, List<Play> closed) {
        Optional<String> group = p.playbook.repeat().exclusionGroup();
        if (group.isEmpty()) {
            return Optional.empty();
        }
        for (CompiledPlaybook other : fired) {
            if (other != p && group.equals(other.playbook.repeat().exclusionGroup())
                    && (other.playbook.priority().compareTo(p.playbook.priority()) > 0
                            || other.playbook.priority() == p.playbook.priority() && other.index < p.index)) {
                return Optional.of(other.id);
            }
        }
        for (Play play : open) {
            if (!play.playbookId().equals(p.id) && !closed.contains(play)) {
                CompiledPlaybook other = byId.get(play.playbookId());
                if (other != null && group.equals(other.playbook.repeat().exclusionGroup())) {
                    return Optional.of(other.id);
                }
            }
        }
        return Optional.empty();
    }

    /** Builds a {@link PlaybookEngine}. Not thread-safe. */
    public static final class Builder {
        private final List<Playbook> playbooks = new ArrayList<>();
        private FeatureSchema schema;
        private PlayHistory history = new InMemoryPlayHistory();
        private ActionSink sink = play -> { };

        private Builder() {}

        /**
         * The features the snapshots will carry; every field a playbook reads is checked against it.
         *
         * @param schema the schema
         * @return this builder
         */
        public Builder schema(FeatureSchema schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return this;
        }

        /**
         * Adds playbooks; their order breaks ties in mutual exclusion.
         *
         * @param playbooks the playbooks
         * @return this builder
         */
        public Builder playbooks(List<Playbook> playbooks) {
            this.playbooks.addAll(playbooks);
            return this;
        }

        /**
         * Adds playbooks.
         *
         * @param playbooks the playbooks
         * @return this builder
         */
        public Builder addPlaybooks(Playbook... playbooks) {
            return playbooks(List.of(playbooks));
        }

        /**
         * Where plays are remembered; an {@link InMemoryPlayHistory} by default.
         *
         * @param history the history
         * @return this builder
         */
        public Builder history(PlayHistory history) {
            this.history = Objects.requireNonNull(history, "history");
            return this;
        }

        /**
         * Where plays are delivered; by default nowhere (read them from the results).
         *
         * @param sink the sink
         * @return this builder
         */
        public Builder sink(ActionSink sink) {
            this.sink = Objects.requireNonNull(sink, "sink");
            return this;
        }

        /**
         * Compiles the playbooks.
         *
         * @return the engine
         * @throws ValidationException naming the playbook ({@code [index]}) and the field if a
         *     playbook reads an unknown field or two playbooks share an id
         */
        public PlaybookEngine build() {
            return new PlaybookEngine(this);
        }
    }
}
