package org.cskit.playbooks.engine;

import org.cskit.model.columns.AccountBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;
import org.cskit.model.event.AccountEvents;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Trigger;
import org.cskit.playbooks.spi.ActionSink;
import org.cskit.playbooks.spi.EngineListener;
import org.cskit.playbooks.spi.EvaluationReport;
import org.cskit.playbooks.spi.PlayStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a set of playbooks, compiled once against the feature schema the accounts follow.
 * One engine, one evaluator: a portfolio of millions of accounts held as {@link AccountBatch}, one
 * account ({@link #evaluate(PlaybookInput)}, a batch of one row) and one event ({@link #onEvent},
 * the same row evaluating only the playbooks that event starts) are evaluated by the same program
 * under the same rules, with the same {@link PlayStateStore}, so one open play per situation,
 * cooldowns, limits and mutual exclusion hold across nightly batches and the events in between.
 * Thread-safe: evaluate from many threads.
 *
 * <p>Every distinct test is evaluated once per 64 accounts as a bitmap (for one account, once, on
 * the account's values);
 * per account, in order: plays whose situation no longer holds are closed (the sink hears first);
 * offered plays whose situation still holds are offered again under their key; open plays are
 * reminded when their {@code remindEvery} is due; of the playbooks that fire, mutual exclusion keeps
 * the most urgent per group; the {@link org.cskit.playbooks.RepeatPolicy} admits or suppresses each;
 * an admitted play is recorded as offered (compare-and-set in the store), delivered to the
 * {@link ActionSink} as a light {@link org.cskit.playbooks.spi.PlayHandle}, and recorded as open.
 * An account's changes are written together, in two writes per evaluation (one
 * {@link PlayStateStore#compareAndSetAll} each, one lock and one rewrite of the account's record in
 * the in-memory store): the closes, new plays as offered, retries and due reminders claimed before the
 * deliveries, the plays the sink took as open after them. In a portfolio call, a store other than the
 * in-memory one gets the accounts with no state (a first night's) together: one write of the new
 * plays of a run of such rows (up to a chunk of 256) and one of those the sink took; the sink still
 * hears plays and closes in row order.
 * The full {@link Play} (reason with every value, rendered actions) is built only when asked.
 *
 * <p><b>Delivery is at least once, with one key per situation.</b> A play's key is the playbook,
 * the account, the situation and the time it was first offered; if the sink throws (anything), the
 * play stays offered and the next evaluation whose situation still holds offers it again under the
 * same key, on any later day. Close notifications are at least once too.
 *
 * <pre>{@code
 * PlaybookEngine engine = PlaybookEngine.builder().schema(schema).playbooks(playbooks).sink(tasks::create).build();
 * EvaluationResult result = engine.evaluate(PlaybookInput.of(snapshot, vector));      // one account
 * BatchResult night = engine.evaluateParallel(columns, tasks::create);                 // a portfolio
 * }</pre>
 *
 * <p><b>Per-thread buffers.</b> Each evaluating thread keeps its working arrays, including the
 * one-row batch a per-account call fills, and reuses them from call to call; a call made on the
 * same thread while they are in use (a sink or listener that calls the engine) gets arrays of its
 * own. Nothing of a call outlives it in them: handles and results hold the input, not the arrays.
 * The first thread to evaluate finds its arrays without a thread-local lookup; the engine keeps
 * that thread's arrays (and its {@code Thread} object) as long as the engine lives, and no thread
 * keeps the engine.
 *
 * <p><b>Observing.</b> An {@link EngineListener} ({@link Builder#listener}) hears once per call what
 * it did by playbook and how long it took; without one nothing is counted per playbook and the clock
 * is not read. The engine logs through SLF4J ({@code org.cskit.playbooks.engine.PlaybookEngine}):
 * the compiled set at INFO, playbooks that can never fire at WARN, each per-account or event
 * evaluation that made, closed or suppressed a play at DEBUG (with the account), each portfolio
 * call's counts at DEBUG; nothing per account at INFO.
 */
public final class PlaybookEngine {
    private static final Logger LOG = LoggerFactory.getLogger(PlaybookEngine.class);
    private final List<Playbook> playbooks;
    private final FeatureSchema schema;
    private final CompiledPlaybook[] compiled;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, long[]> byEvent = new HashMap<>();
    private final PlayStateStore store;
    private final ActionSink sink;
    private final RowProgram program;
    private final Evaluator evaluator;
    /**
     * This thread's working arrays, held weakly: a thread's map holds its values strongly, and the
     * arrays reach this engine (and its store) and so this {@code ThreadLocal}, its key; held
     * strongly they would keep every engine a long-lived thread (a pool's) ever used. A collection
     * may drop them between calls; the next call makes new ones.
     */
    private final ThreadLocal<java.lang.ref.WeakReference<Evaluator.Work>> work = new ThreadLocal<>();
    private final Map<String, String> cannotFire;
    private final EngineListener listener;
    private final List<String> playbookIds;
    /** The features a per-account call fills into its row: those the program and the situations read. */
    private final int[] rowFeatures;

    private PlaybookEngine(Builder b) {
        this.playbooks = List.copyOf(b.playbooks);
        this.schema = Validate.present("schema", b.schema);
        this.store = b.store;
        this.sink = b.sink;
        this.listener = b.listener;
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < playbooks.size(); i++) {
            if (!ids.add(playbooks.get(i).id())) {
                throw Validate.invalid("[" + i + "].id", "duplicate playbook id '" + playbooks.get(i).id() + "'");
            }
        }
        program = new RowProgram(playbooks, schema);
        compiled = new CompiledPlaybook[playbooks.size()];
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        Map<String, Integer> groupIndex = new HashMap<>(); // a group's position in groups, which is its members' index
        for (int i = 0; i < playbooks.size(); i++) {
            Playbook p = playbooks.get(i);
            int group = -1;
            if (p.repeat().exclusionGroup().isPresent()) {
                String g = p.repeat().exclusionGroup().get();
                List<Integer> m = groups.get(g);
                if (m == null) {
                    groupIndex.put(g, groups.size());
                    groups.put(g, m = new ArrayList<>());
                }
                m.add(i);
                group = groupIndex.get(g);
            }
            compiled[i] = new CompiledPlaybook(p, i, schema, "[" + i + "]", program.closable[i], group);
            index.put(p.id(), i);
            if (p.trigger().kind() == Trigger.Kind.EVENT) {
                long[] mask = byEvent.computeIfAbsent(((Trigger.OnEvent) p.trigger()).event(), k -> new long[words()]);
                mask[i >>> 6] |= 1L << i;
            }
        }
        int[][] members = new int[groups.size()][];
        int g = 0;
        for (List<Integer> m : groups.values()) {
            members[g++] = m.stream().mapToInt(Integer::intValue).toArray();
        }
        Lint.labels(playbooks, b.bands, b.segments);
        cannotFire = java.util.Collections.unmodifiableMap(Lint.neverFires(playbooks));
        boolean[] read = program.featuresRead.clone();
        for (CompiledPlaybook cp : compiled) {
            if (cp.situationFeature() >= 0) {
                read[cp.situationFeature()] = true;
            }
        }
        rowFeatures = java.util.stream.IntStream.range(0, read.length).filter(i -> read[i]).toArray();
        evaluator = new Evaluator(this, compiled, program, index, members);
        // List.copyOf, not Stream.toList: a report's List.copyOf then returns this list instead of copying it per call.
        playbookIds = List.copyOf(playbooks.stream().map(Playbook::id).toList());
        if (b.log) {
            LOG.info("compiled {} playbooks for {} features, state in {}: {}", playbooks.size(), schema.size(),
                    store.getClass().getSimpleName(), playbookIds);
            cannotFire.forEach((id, why) -> LOG.warn("playbook '{}' can never fire: {}", id, why));
        }
    }

    /** The features a per-account call fills into its row (the others are read only when a play is built). */
    int[] rowFeatures() {
        return rowFeatures;
    }

    private int words() {
        return Math.max(1, (playbooks.size() + 63) >>> 6);
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
        return readJson(json, builder().schema(schema));
    }

    /**
     * Reads playbooks from JSON as {@link #readJson(String, FeatureSchema)} does, and also checks
     * every band label and segment name they use against those the host declares.
     *
     * @param json a JSON array of playbooks
     * @param schema the features the snapshots will carry
     * @param bandLabels every band label of the scorecards in use
     * @param segmentNames the declared segments' names
     * @return the playbooks
     * @throws JsonInputException naming the JSON path of the first problem, and for an unknown
     *     label or segment the known ones
     */
    public static List<Playbook> readJson(String json, FeatureSchema schema, java.util.Collection<String> bandLabels,
            java.util.Collection<String> segmentNames) {
        return readJson(json, builder().schema(schema).bandLabels(bandLabels).segmentNames(segmentNames));
    }

    private static List<Playbook> readJson(String json, Builder check) {
        List<Playbook> playbooks = CsJson.create().readList(json, Playbook.class);
        try {
            check.log = false;
            check.playbooks(playbooks).build();
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
     * The playbooks that can never fire, because their own tests contradict each other (the
     * trigger's and the conditions that must all hold): two numeric tests of one field that leave
     * no value, such as {@code p1 >= 2} and {@code p1 < 1}; a field that must be both present and
     * missing; a text field that must equal two different texts. Found when the engine is built;
     * {@link #dryRun} reports them too. A playbook not listed may still never fire on your data.
     *
     * @return by playbook id, why it cannot fire
     */
    public Map<String, String> cannotFire() {
        return cannotFire;
    }

    /** @return the feature schema the playbooks were compiled for */
    public FeatureSchema schema() {
        return schema;
    }

    /**
     * Where the engine keeps its state.
     *
     * @return the store
     */
    public PlayStateStore store() {
        return store;
    }

    /**
     * The playbooks with a play out (offered or open) for an account, in the set's order, as the
     * store holds them.
     *
     * @param account the account
     * @return their ids
     */
    public List<String> openPlaybooks(org.cskit.model.AccountId account) {
        boolean[] out = new boolean[compiled.length];
        store.read(new org.cskit.model.AccountId[] {Objects.requireNonNull(account, "account")}, 1, (i, id, state) -> {
            Integer p = index.get(id);
            if (p != null && state.status() != org.cskit.playbooks.spi.PlayState.Status.NONE) {
                out[p] = true;
            }
        });
        List<String> ids = new ArrayList<>();
        for (int p = 0; p < out.length; p++) {
            if (out[p]) {
                ids.add(compiled[p].id);
            }
        }
        return ids;
    }

    /**
     * Evaluates every playbook for one account: a batch of one row, delivered to the engine's sink.
     *
     * @param input the account, with the event it handles and its manual enrolments, if any
     * @return what the evaluation did
     * @throws ValidationException if the snapshot's features follow another schema
     */
    public EvaluationResult evaluate(PlaybookInput input) {
        return one(input, null);
    }

    /**
     * The incremental path: evaluates only the playbooks the input's event can start (those
     * triggered by that event type). Plays of other playbooks are neither made nor closed.
     *
     * @param input the account, with the event being handled
     * @return what the evaluation did
     * @throws ValidationException if the input has no event
     */
    public EvaluationResult onEvent(PlaybookInput input) {
        if (input.event().isEmpty()) {
            throw Validate.invalid("event", "onEvent needs an input with an event; use evaluate for a full evaluation");
        }
        long[] only = byEvent.get(AccountEvents.typeOf(input.event().get()));
        return one(input, only == null ? new long[words()] : only);
    }

    private EvaluationResult one(PlaybookInput input, long[] only) {
        if (!input.snapshot().features().schema().equals(schema)) {
            throw Validate.invalid("snapshot.features", "the snapshot's features follow " + input.snapshot().features().schema()
                    + ", but the playbooks were compiled for " + schema + ": the snapshot's schema "
                    + schema.differenceFrom(input.snapshot().features().schema()));
        }
        long start = listener == null ? 0 : System.nanoTime();
        Evaluator.Work w = claim();
        try {
            Evaluator.Outcome out = w.outcome(listener == null ? null : new Tally(compiled.length, true));
            evaluator.evaluate(w.oneRow.fill(input), 0, 1, only, sink, store, w, out, input);
            if (listener != null) {
                listener.evaluated(out.tally.report(only == null ? EvaluationReport.Kind.ACCOUNT : EvaluationReport.Kind.EVENT,
                        playbookIds, 1, System.nanoTime() - start));
            }
            if ((out.created | out.closed | out.suppressed) != 0 && LOG.isDebugEnabled()) {
                LOG.debug("account '{}'{}: made {}, closed {}, suppressed {} {}", input.snapshot().accountId().value(),
                        only == null ? "" : " on " + AccountEvents.typeOf(input.event().get()), out.created, out.closed,
                        out.suppressed, List.copyOf(out.suppressedPlays));
            }
            if (out.createdPlays.isEmpty() && out.closedPlays.isEmpty() && out.suppressedPlays.isEmpty() && out.failures.isEmpty()) {
                return NOTHING;
            }
            return new EvaluationResult(immutable(out.createdPlays), immutable(out.closedPlays), immutable(out.suppressedPlays),
                    immutable(out.failures));
        } finally {
            w.busy = false;
        }
    }

    private static final EvaluationResult NOTHING = new EvaluationResult(List.of(), List.of(), List.of(), List.of());

    /**
     * An immutable copy of one of a call's (short) lists, which {@link EvaluationResult} keeps as it
     * is: the elements copied once, into the array {@code List.of} keeps ({@code List.copyOf} of an
     * {@code ArrayList} copies them twice, and makes an empty array for an empty list).
     */
    @SuppressWarnings("unchecked")
    static <T> List<T> immutable(List<? extends T> l) {
        switch (l.size()) {
            case 0: return List.of();
            case 1: return List.of(l.get(0));
            case 2: return List.of(l.get(0), l.get(1));
            case 3: return List.of(l.get(0), l.get(1), l.get(2));
            case 4: return List.of(l.get(0), l.get(1), l.get(2), l.get(3));
            case 5: return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4));
            case 6: return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5));
            case 7: return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5), l.get(6));
            case 8: return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5), l.get(6), l.get(7));
            case 9: return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5), l.get(6), l.get(7), l.get(8));
            case 10: return List.of(l.get(0), l.get(1), l.get(2), l.get(3), l.get(4), l.get(5), l.get(6), l.get(7), l.get(8), l.get(9));
            default: return (List<T>) List.of(l.toArray());
        }
    }

    /**
     * This thread's working arrays, marked in use; a call made while they are in use (from inside
     * a sink or listener called by this thread's evaluation) gets arrays of its own.
     */
    Evaluator.Work claim() {
        Owner o = owner;
        Evaluator.Work w;
        if (o != null && o.thread == Thread.currentThread()) {
            w = o.work.busy ? evaluator.newWork() : o.work;
        } else {
            java.lang.ref.WeakReference<Evaluator.Work> held = work.get();
            w = held == null ? null : held.get();
            if (w == null) {
                w = evaluator.newWork();
                work.set(new java.lang.ref.WeakReference<>(w));
            } else if (w.busy) {
                w = evaluator.newWork();
            }
            if (o == null && !w.busy) {
                owner = new Owner(Thread.currentThread(), w);
            }
        }
        w.busy = true;
        return w;
    }

    /**
     * The first thread to evaluate and its arrays: its calls find them without the thread-local
     * lookup (a host's single evaluating thread, or one of its pool's). Set once; its fields are
     * final, so any thread that sees it sees them. It keeps that one thread's object and arrays as
     * long as the engine lives; no thread keeps the engine through it.
     */
    private record Owner(Thread thread, Evaluator.Work work) {}

    private Owner owner;

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
     * Evaluates every playbook for every row of a portfolio held as columns: the path for millions
     * of accounts. The same rules as {@link #evaluate(PlaybookInput)} (which is this with one row);
     * rows may carry events and manual enrolments. Allocates nothing per row beyond what the store
     * reads and the plays made.
     *
     * @param columns the accounts
     * @param sink where plays go (rather than the engine's sink)
     * @return counts of what was done
     * @throws ValidationException if the columns follow another schema
     */
    public BatchResult evaluate(AccountBatch columns, ActionSink sink) {
        return evaluate(columns, 0, columns.size(), sink);
    }

    /**
     * Evaluates rows {@code [from, to)} of a portfolio; see {@link #evaluate(AccountBatch, ActionSink)}.
     * Calls on disjoint ranges may run in parallel (with a thread-safe sink).
     *
     * @param columns the accounts
     * @param from the first row
     * @param to the row after the last
     * @param sink where plays go
     * @return counts of what was done
     */
    public BatchResult evaluate(AccountBatch columns, int from, int to, ActionSink sink) {
        checkSchema(columns);
        Objects.checkFromToIndex(from, to, columns.size());
        Objects.requireNonNull(sink, "sink");
        long start = listener == null ? 0 : System.nanoTime();
        Evaluator.Outcome out = new Evaluator.Outcome(false, listener == null ? null : new Tally(compiled.length, false));
        Evaluator.Work w = claim();
        try {
            evaluator.evaluate(columns, from, to, null, sink, store, w, out, null);
        } finally {
            w.busy = false;
        }
        if (listener != null) {
            listener.evaluated(out.tally.report(EvaluationReport.Kind.PORTFOLIO, playbookIds, out.rows, System.nanoTime() - start));
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("rows [{}, {}) as of {}: made {}, closed {}, suppressed {}, failed {}", from, to, columns.asOf(), out.created,
                    out.closed, out.suppressed, out.rowFailures.size());
        }
        return new BatchResult(out.rows, out.created, out.closed, out.suppressed, out.rowFailures);
    }

    /**
     * Evaluates a portfolio on the common fork-join pool, in disjoint slices of rows. The sink is
     * called from several threads at once.
     *
     * @param columns the accounts
     * @param sink a thread-safe sink
     * @return counts of what was done, added up
     */
    public BatchResult evaluateParallel(AccountBatch columns, ActionSink sink) {
        checkSchema(columns);
        Objects.requireNonNull(sink, "sink");
        int slice = 16 * RowProgram.CHUNK;
        int slices = (columns.size() + slice - 1) / slice;
        return java.util.stream.IntStream.range(0, slices).parallel()
                .mapToObj(i -> evaluate(columns, i * slice, Math.min(columns.size(), (i + 1) * slice), sink))
                .reduce(new BatchResult(0, 0, 0, 0, List.of()), BatchResult::plus);
    }

    /**
     * The play a playbook would make for a row now, as if first offered at the columns' as-of time,
     * with its actions, reason and key. It does not consult or change any state.
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
        CompiledPlaybook cp = compiled[playbook];
        long day = columns.asOf().atOffset(java.time.ZoneOffset.UTC).toLocalDate().toEpochDay();
        int code = cp.situationCode(columns, row, day);
        String situation = cp.situation(code, columns, row);
        String key = cp.id + "|" + columns.accountId(row).value() + "|" + situation + "|"
                + Iso.format(Instant.ofEpochSecond(columns.asOf().getEpochSecond()));
        return build(columns, row, cp, situation, key);
    }

    /** The full play of a row, its conditions' outcomes from the program's atoms. */
    Play build(AccountBatch columns, int row, CompiledPlaybook cp, String situation, String key) {
        RowProgram.Chunk chunk = program.newChunk();
        chunk.start(columns, row, 1);
        int[] atoms = program.conditionAtoms[cp.index];
        boolean[] held = new boolean[atoms.length];
        for (int i = 0; i < atoms.length; i++) {
            held[i] = chunk.bit(atoms[i], 0);
        }
        return cp.play(columns, row, situation, key, held);
    }

    private void checkSchema(AccountBatch columns) {
        if (!columns.schema().equals(schema)) {
            throw Validate.invalid("columns.schema", "the columns follow " + columns.schema() + ", but the playbooks were compiled for "
                    + schema + ": the columns' schema " + schema.differenceFrom(columns.schema()));
        }
    }

    /**
     * Replays past inputs against a fresh in-memory store and no sink, and reports what each
     * playbook would have done, before it goes live. Give each account's inputs in time order.
     *
     * @param inputs past inputs
     * @return the report
     */
    public DryRunReport dryRun(Stream<PlaybookInput> inputs) {
        Builder quiet = builder().schema(schema).playbooks(playbooks).store(new InMemoryPlayStateStore()).sink(play -> { });
        quiet.log = false;
        PlaybookEngine rehearsal = quiet.build();
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
        return new DryRunReport(summaries, cannotFire);
    }

    /** Builds a {@link PlaybookEngine}. Not thread-safe. */
    public static final class Builder {
        private final List<Playbook> playbooks = new ArrayList<>();
        private FeatureSchema schema;
        private PlayStateStore store = new InMemoryPlayStateStore();
        private ActionSink sink = play -> { };
        private Set<String> bands;
        private Set<String> segments;
        private EngineListener listener;
        private boolean log = true;

        private Builder() {}

        /**
         * Who hears, once per call, what the engine did by playbook and how long it took; by default
         * nobody (and then nothing is counted per playbook and the clock is not read).
         *
         * @param listener the listener, thread-safe
         * @return this builder
         */
        public Builder listener(EngineListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The band labels the host's scorecards use, such as {@code red, yellow, green}. When given,
         * a playbook naming another label (in a band trigger or a {@code vector.band} or
         * {@code previous.band} test) is rejected, since it could never fire. Default: any label.
         *
         * @param labels every label of every band scheme in use
         * @return this builder
         */
        public Builder bandLabels(java.util.Collection<String> labels) {
            this.bands = Set.copyOf(labels);
            return this;
        }

        /**
         * The segment names the host declares. When given, a playbook naming another segment (in its
         * audience or an {@code account.segment} test) is rejected. Default: any name.
         *
         * @param names the segments' names
         * @return this builder
         */
        public Builder segmentNames(java.util.Collection<String> names) {
            this.segments = Set.copyOf(names);
            return this;
        }

        /**
         * The features the accounts will carry; every field a playbook reads is checked against it.
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
         * Where the engine keeps what it remembers per account and playbook; a new
         * {@link InMemoryPlayStateStore} by default. Share one store between the engines of one
         * playbook set (a nightly job and an event consumer), never between different sets.
         *
         * @param store the store
         * @return this builder
         */
        public Builder store(PlayStateStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Where per-account and per-event plays are delivered; by default nowhere (read them from
         * the results).
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
         *     playbook reads an unknown field, names a band label or segment not declared, or two
         *     playbooks share an id
         */
        public PlaybookEngine build() {
            return new PlaybookEngine(this);
        }
    }
}
