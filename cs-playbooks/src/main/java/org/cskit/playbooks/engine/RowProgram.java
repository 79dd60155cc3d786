package org.cskit.playbooks.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.cskit.model.Direction;
import org.cskit.model.FeatureSchema;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Segment;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.AccountBatch;
import org.cskit.model.columns.FeatureColumn;
import org.cskit.playbooks.Audience;
import org.cskit.playbooks.Condition;
import org.cskit.playbooks.Fields;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Trigger;

/**
 * The playbooks compiled for an {@link AccountBatch}: every distinct test (a comparison, a text
 * test, an audience, and the and/or/not built from them) becomes one atom. For a chunk of rows, an
 * atom is a bitmap over the rows (a 64-bit word per 64 rows), computed only for the rows a playbook
 * still needs: a playbook fires for the rows where all its atoms hold, 64 rows per AND, and each
 * atom is asked only for the rows the atoms before it left. When more than {@link #FEW} rows of 64
 * are left the atom is computed column by column without branches for the whole chunk (and kept
 * for every playbook that shares it); fewer are tested one by one and remembered. A playbook's
 * atoms go cheapest per sharing playbook first, behind their gates (the loosest threshold of the
 * same field and side that a tier's comparison implies, shared by the tiers), so a chunk does work
 * in proportion to what can still fire. A missing number fails every
 * comparison, a missing text equals nothing. This is the engine's only evaluator: a per-account
 * call is a chunk of one row. A chunk of one row tests its atoms on the row itself
 * ({@link ColumnAtom#holds}, the same test as bit 0 of the bitmap). When it evaluates every
 * playbook it tests every atom into a bit set (a bit per atom; the comparisons with a threshold
 * through a {@link RangeIndex}, each column read once, the tiers of one column and operator answered
 * by one count of the sorted thresholds) and a playbook fires unless one of its atoms failed (the
 * failed atoms rule playbooks out a nibble of the set at a time, by table), rather than stopping at its first atom that fails (whose branch the
 * processor mispredicts from row to row). The label atoms of a one-row batch
 * that a thread keeps across calls read the tables they prepared for it.
 */
final class RowProgram {
    static final int CHUNK = 256;
    static final int BLOCKS = CHUNK / 64;
    /** At most this many rows of a block still needing an atom are tested one by one; more compute it for the whole chunk. */
    static final int FEW = 8;

    private final ColumnAtom[] atoms;
    /** Per playbook: the atoms that must all hold for it to fire (trigger first), and for its situation to hold (auto-close). */
    final int[][] fireAtoms, holdAtoms;
    /**
     * Per playbook, what a chunk of rows tests for it to fire: its fire atoms plus their gates (a
     * comparison implied by one of them, such as {@code x <= 10} by {@code x <= 5}: the conjunction
     * is the same, and a gate shared by the tiers of one field fails for most rows at once), the
     * cheapest per playbook first ({@link #order}).
     */
    private final int[][] chunkFire;
    /**
     * The playbooks grouped by the first atom of their {@link #chunkFire} (-1: none), in playbook
     * order: the tiers of one field share their gate, whose word for a block is asked once for all of
     * them, and a block the gate fails for is skipped for all of them at once.
     */
    private final int[] leadAtom;
    private final int[][] led;
    /*
     * A one-row chunk evaluating every playbook tests every atom into a bit set, one bit per atom
     * at the atom's test position (testOf): first the comparisons with a threshold, through a
     * range index (the comparisons of one column with one operator answered together by counting
     * the sorted thresholds below the value); then the label atoms, a column at a time (one table
     * lookup by the row's code gives the word of those that hold); then the other atoms in index
     * order (a logic atom's parts come before it; it is decided from their word when they share one). A playbook fires when none of its tests failed:
     * the failed tests rule playbooks out through a table per nibble of tests ({@link #kills}).
     */
    /** The distinct number columns the comparisons read. */
    private final NumberColumn[] compareSources;
    /** The comparisons with a threshold, by column (in compareSources) and operator: their test positions are the index's. */
    private final RangeIndex ranges;
    /** Per atom, its test position. */
    private final int[] testOf;
    /**
     * The label atoms (tests of a coded text column: band, direction, segment, stage), in groups of
     * one column each (at most 64, within one word of tests): the row's code in the column picks, from
     * a table made per batch, the word of all the group's atoms that hold (one lookup, not one per atom).
     */
    private final TextColumn[] labelColumn;
    /** Per label group: its atoms, and the word of tests they take. */
    private final int[][] labelAtoms;
    private final int[] labelWord;
    /** The atoms that are neither comparisons with a threshold nor label atoms, in index order. */
    private final int[] otherAtoms;
    /**
     * Per other atom: for a logic atom whose parts' tests lie in one word, that word's mask of its
     * parts (0 for any other atom) and the word: a one-row chunk decides it from the word without a
     * branch per part ({@code AND}: all set, {@code OR}: any set, {@code NOT}: its part clear).
     */
    private final long[] otherMask;
    private final int[] otherWord;
    private final int testWords;
    /** Words of playbooks: one bit per playbook. */
    private final int killWords;
    /**
     * What a one-row chunk's tests rule out, a nibble at a time: for test word {@code k}, nibble
     * {@code j} (tests {@code 64k + 4j .. 64k + 4j + 3}) and its value {@code x}, at
     * {@code ((k * 16 + j) * 16 + x) * killWords}, the playbooks that need a test of the nibble
     * whose bit is clear in {@code x}. The playbooks that fire are those no nibble of the row's tests
     * rules out: 16 lookups per word of tests instead of a test of every playbook's mask.
     */
    private final long[] kills;
    /** The bits of the playbooks that exist, per word. */
    private final long[] allPlaybooks;
    /** Per playbook: the atom of each of its conditions, in order (for the reason's "held"). */
    final int[][] conditionAtoms;
    /** Per playbook: whether its trigger's situation can clear (not an event, cadence or manual trigger). */
    final boolean[] closable;
    /** Per feature of the schema, whether an atom reads it (a one-row batch need not fill the others). */
    final boolean[] featuresRead;

    RowProgram(List<Playbook> playbooks, FeatureSchema schema) {
        Compiler compiler = new Compiler(schema);
        int n = playbooks.size();
        fireAtoms = new int[n][];
        holdAtoms = new int[n][];
        conditionAtoms = new int[n][];
        closable = new boolean[n];
        for (int p = 0; p < n; p++) {
            Playbook playbook = playbooks.get(p);
            Trigger t = playbook.trigger();
            List<Integer> fire = new ArrayList<>();
            List<Integer> hold = new ArrayList<>();
            closable[p] = compiler.trigger(t, playbook.id(), fire, hold);
            conditionAtoms[p] = new int[playbook.conditions().size()];
            for (int c = 0; c < conditionAtoms[p].length; c++) {
                conditionAtoms[p][c] = compiler.condition(playbook.conditions().get(c));
            }
            List<Integer> common = new ArrayList<>();
            if (!playbook.audience().isEveryone()) {
                common.add(compiler.audience(playbook.audience()));
            }
            for (Condition c : playbook.conditions()) {
                compiler.conjunct(c, common);
            }
            fire.addAll(common);
            hold.addAll(common);
            fireAtoms[p] = fire.stream().mapToInt(Integer::intValue).distinct().toArray();
            holdAtoms[p] = hold.stream().mapToInt(Integer::intValue).distinct().toArray();
        }
        atoms = compiler.list.toArray(new ColumnAtom[0]);
        featuresRead = compiler.featuresRead;
        chunkFire = new int[n][];
        for (int p = 0; p < n; p++) {
            chunkFire[p] = withGates(fireAtoms[p]);
        }
        order(chunkFire, holdAtoms);
        java.util.Map<Integer, List<Integer>> byLead = new java.util.LinkedHashMap<>();
        for (int p = 0; p < n; p++) {
            byLead.computeIfAbsent(chunkFire[p].length == 0 ? -1 : chunkFire[p][0], k -> new ArrayList<>()).add(p);
        }
        leadAtom = byLead.keySet().stream().mapToInt(Integer::intValue).toArray();
        led = byLead.values().stream().map(ps -> ps.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
        List<NumberColumn> sources = new ArrayList<>();
        List<Compare> compares = new ArrayList<>();
        for (ColumnAtom atom : atoms) {
            if (atom instanceof Compare c) {
                compares.add(c);
                if (!sources.contains(c.source)) {
                    sources.add(c.source);
                }
            }
        }
        compareSources = sources.toArray(new NumberColumn[0]);
        int[] compareSource = new int[compares.size()];
        Operator[] compareOp = new Operator[compares.size()];
        double[] compareThreshold = new double[compares.size()];
        for (int k = 0; k < compares.size(); k++) {
            Compare c = compares.get(k);
            compareSource[k] = sources.indexOf(c.source);
            compareOp[k] = c.op;
            compareThreshold[k] = c.t;
        }
        ranges = new RangeIndex(compareSource, compareOp, compareThreshold);
        testOf = new int[atoms.length];
        for (int k = 0; k < compares.size(); k++) {
            testOf[compares.get(k).at / BLOCKS] = ranges.position(k);
        }
        List<TextColumn> groupColumns = new ArrayList<>();
        List<int[]> groups = new ArrayList<>();
        for (TextColumn column : TextColumn.values()) {
            if (column == TextColumn.ACCOUNT_ID) {
                continue;
            }
            int[] reading = java.util.stream.IntStream.range(0, atoms.length)
                    .filter(a -> atoms[a] instanceof Text t && t.source == column).toArray();
            for (int from = 0; from < reading.length; from += 64) {
                groupColumns.add(column);
                groups.add(java.util.Arrays.copyOfRange(reading, from, Math.min(reading.length, from + 64)));
            }
        }
        labelColumn = groupColumns.toArray(new TextColumn[0]);
        labelAtoms = groups.toArray(new int[0][]);
        labelWord = new int[labelAtoms.length];
        int next = ranges.bits();
        for (int g = 0; g < labelAtoms.length; g++) {
            if ((next & 63) + labelAtoms[g].length > 64) {
                next = (next + 63) & ~63;
            }
            labelWord[g] = next >>> 6;
            for (int a : labelAtoms[g]) {
                testOf[a] = next++;
            }
        }
        otherAtoms = java.util.stream.IntStream.range(0, atoms.length)
                .filter(a -> !(atoms[a] instanceof Compare) && !(atoms[a] instanceof Text t && t.source != TextColumn.ACCOUNT_ID))
                .toArray();
        for (int j = 0; j < otherAtoms.length; j++) {
            testOf[otherAtoms[j]] = next + j;
        }
        int tests = next + otherAtoms.length;
        otherMask = new long[otherAtoms.length];
        otherWord = new int[otherAtoms.length];
        for (int j = 0; j < otherAtoms.length; j++) {
            if (atoms[otherAtoms[j]] instanceof Logic logic && logic.parts.length > 0) {
                int w = testOf[logic.parts[0]] >>> 6;
                long mask = 0;
                for (int part : logic.parts) {
                    mask = testOf[part] >>> 6 == w ? mask | 1L << testOf[part] : 0L;
                    if (mask == 0) {
                        break;
                    }
                }
                otherMask[j] = mask;
                otherWord[j] = w;
            }
        }
        testWords = Math.max(1, (tests + 63) >>> 6);
        killWords = Math.max(1, (n + 63) >>> 6);
        kills = new long[testWords * 16 * 16 * killWords];
        allPlaybooks = new long[killWords];
        for (int p = 0; p < n; p++) {
            allPlaybooks[p >>> 6] |= 1L << p;
            for (int a : fireAtoms[p]) {
                int t = testOf[a];
                int nibble = t >>> 2, bit = t & 3; // nibble = k * 16 + j
                for (int x = 0; x < 16; x++) {
                    if ((x >>> bit & 1) == 0) {
                        kills[(nibble * 16 + x) * killWords + (p >>> 6)] |= 1L << p;
                    }
                }
            }
        }
    }

    /**
     * Orders each playbook's atoms by their estimated cost per playbook that needs them, cheapest
     * first (ties keep their order, the trigger's atoms first): an atom shared by k playbooks is
     * computed once for all of them, so it costs 1/k of one used by a single playbook; the tests of
     * an event or an enrolment cost nothing on the many rows that bring none. A conjunction's atoms
     * all have to hold, so their order changes only how much is tested: the rows they fail are not
     * tested by the atoms after them.
     */
    private void order(int[][]... lists) {
        int[] uses = new int[atoms.length];
        for (int[] fire : lists[0]) {
            for (int a : fire) {
                uses[a]++;
            }
        }
        double[] key = new double[atoms.length];
        for (int a = 0; a < atoms.length; a++) {
            key[a] = cost(a) / Math.max(1, uses[a]);
        }
        for (int[][] list : lists) {
            for (int p = 0; p < list.length; p++) {
                list[p] = java.util.Arrays.stream(list[p]).boxed()
                        .sorted(java.util.Comparator.comparingDouble(a -> key[a]))
                        .mapToInt(Integer::intValue).toArray();
            }
        }
    }

    /**
     * The atoms plus, before them, each comparison's gate: the loosest comparison among the atoms
     * that it implies (the same column, a bound on the same side, a threshold as loose or looser;
     * a missing value fails both), when that is another atom.
     */
    private int[] withGates(int[] fire) {
        List<Integer> list = new ArrayList<>();
        for (int a : fire) {
            if (!(atoms[a] instanceof Compare c) || c.op == Operator.EQ || c.op == Operator.NE) {
                continue;
            }
            int gate = -1;
            for (int b = 0; b < atoms.length; b++) {
                if (b != a && atoms[b] instanceof Compare g && c.implies(g) && (gate < 0 || ((Compare) atoms[gate]).implies(g))) {
                    gate = b;
                }
            }
            if (gate >= 0 && !list.contains(gate)) {
                list.add(gate);
            }
        }
        for (int a : fire) {
            if (!list.contains(a)) {
                list.add(a);
            }
        }
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    /** An estimate of the work of computing atom {@code a} for a chunk: one per column read, its parts' for a logic atom. */
    private double cost(int a) {
        ColumnAtom atom = atoms[a];
        if (atom instanceof Logic logic) {
            double sum = 0;
            for (int part : logic.parts) {
                sum += cost(part);
            }
            return sum;
        }
        if (atom instanceof RowInput) {
            return 0.25;
        }
        return atom instanceof CompareFields ? 2 : 1;
    }

    /** The words of a one-row chunk's tests (one: {@link Chunk#testAll} builds the word in a register). */
    int testWords() {
        return testWords;
    }

    /** The working state for one chunk of rows at a time; one per evaluating thread. */
    Chunk newChunk() {
        return new Chunk();
    }

    /**
     * One chunk of rows: atom bitmaps ({@code atoms x BLOCKS} words), each computed only when a
     * playbook needs it, so tests behind a trigger that holds for none of 64 rows are never run.
     */
    final class Chunk {
        private final long[] bits = new long[Math.max(1, atoms.length) * BLOCKS];
        /** An atom's bitmap is computed for this chunk when its stamp is the chunk's generation: no clearing per chunk. */
        private final int[] stamp = new int[atoms.length];
        /**
         * Per atom and block, the rows whose bit is known while the atom is not computed for the
         * whole chunk (valid when the atom's {@link #partial} stamp is the chunk's generation).
         */
        private final long[] known = new long[Math.max(1, atoms.length) * BLOCKS];
        private final int[] partial = new int[atoms.length];
        private int generation;
        private final Object[] prepared = new Object[atoms.length];
        private final boolean[] isPrepared = new boolean[atoms.length];
        /** A one-row chunk's value of each of {@link #compareSources}. */
        private final double[] values = new double[compareSources.length];
        /** A one-row chunk that tested every atom at once: a bit per atom, at its test position ({@link #packed}). */
        private final long[] truth = new long[testWords];
        /** A one-row chunk's playbooks ruled out, when there are more than 64 playbooks. */
        private final long[] kill = new long[killWords];
        /** Per label group, for the batch the tables were made for: per code + 1 (0 missing), the group's word of atoms that hold. */
        private final long[][] labelTables = new long[labelAtoms.length][];
        /** Whether {@link #labelTables} were made for {@link #preparedFor}. */
        private boolean labelsReady;
        /** The batch {@link #sourceArrays} were read from. */
        private AccountBatch sourcesFor;
        /** Per label group, its column's codes in {@link #sourcesFor} (null: every row has {@link #labelFixed}). */
        private final byte[][] labelCodes = new byte[labelColumn.length][];
        private final int[] labelFixed = new int[labelColumn.length];
        /** Per compared column, its {@code double[]} in {@link #sourcesFor} (null when missing or held as float or int). */
        private final double[][] sourceArrays = new double[compareSources.length][];
        /** Whether this chunk's atoms were all tested into {@link #truth} (a one-row chunk evaluating every playbook). */
        private boolean packed;
        /** The columns the prepared objects were made for (a one-row batch seen for the first time prepares nothing). */
        private AccountBatch preparedFor;
        /** Whether label atoms test the row directly rather than through prepared tables. */
        private boolean direct;
        private AccountBatch columns;
        private int from;
        private int n;

        /** Starts rows {@code [from, from + n)} of the columns, {@code n <= CHUNK}. */
        void start(AccountBatch columns, int from, int n) {
            // A one-row batch seen for the first time tests its row directly; one seen again (the
            // batch a thread keeps for its per-account calls) uses the tables its atoms prepared.
            direct = n == 1 && columns != this.columns;
            if (!direct && columns != preparedFor) {
                // What an atom prepares depends on the feature columns' types, and for text and
                // audience atoms on the labels: other columns over the same feature columns
                // prepare only those atoms again.
                boolean sameFeatures = preparedFor != null && columns.features() == preparedFor.features();
                for (int a = 0; a < atoms.length; a++) {
                    if (!sameFeatures || atoms[a].readsLabels) {
                        isPrepared[a] = false;
                    }
                }
                preparedFor = columns;
                labelsReady = false;
            }
            this.columns = columns;
            this.from = columns.offset() + from;
            this.n = n;
            packed = false;
            if (++generation == 0) {
                java.util.Arrays.fill(stamp, 0);
                java.util.Arrays.fill(partial, 0);
                generation = 1;
            }
        }

        /** Whether atom {@code a} holds for row {@code i} of the chunk. */
        boolean bit(int a, int i) {
            return (word(a, i >>> 6, 1L << i) >>> (i & 63) & 1L) != 0;
        }

        /**
         * The bitmap word of atom {@code a} for block {@code b}, right at least for the rows of
         * {@code need} (a subset of the block's rows). An atom computed for the whole chunk is read;
         * else when more than {@link #FEW} rows are needed (or the chunk is one row) it is computed
         * for the whole chunk; else the needed rows it does not know yet are tested one by one
         * ({@link ColumnAtom#holds}, the same test as the bitmap's) and remembered for the chunk.
         */
        long word(int a, int b, long need) {
            if (packed) {
                int t = testOf[a];
                return truth[t >>> 6] >>> t & 1L;
            }
            int ab = a * BLOCKS + b;
            if (stamp[a] == generation) {
                return bits[ab];
            }
            if (n == 1 || Long.bitCount(need) > FEW) {
                compute(a);
                return bits[ab];
            }
            if (partial[a] != generation) {
                partial[a] = generation;
                java.util.Arrays.fill(known, a * BLOCKS, a * BLOCKS + BLOCKS, 0L);
            }
            long missing = need & ~known[ab];
            if (missing != 0) {
                long got = test(a, b, missing);
                bits[ab] = bits[ab] & ~missing | got & missing;
                known[ab] |= missing;
            }
            return bits[ab];
        }

        /** Atom {@code a}'s bits for the rows {@code rows} of block {@code b} (zero elsewhere), tested row by row. */
        private long test(int a, int b, long rows) {
            ColumnAtom atom = atoms[a];
            if (atom instanceof Logic logic) {
                return logic.test(this, b, rows);
            }
            if (!isPrepared[a]) {
                prepared[a] = atom.prepare(columns);
                isPrepared[a] = true;
            }
            Object ready = prepared[a];
            int base = from + (b << 6);
            long word = 0;
            for (long r = rows; r != 0; r &= r - 1) {
                int j = Long.numberOfTrailingZeros(r);
                word |= (atom.holds(columns, base + j, ready) ? 1L : 0L) << j;
            }
            return word;
        }

        /**
         * Computes atom {@code a}'s bitmap. A chunk of one row (a per-account call) tests the row
         * itself ({@link ColumnAtom#holds}): no loops over blocks, nothing prepared; only a label
         * atom of a one-row batch seen again reads its prepared table (cheaper than the labels).
         */
        private void compute(int a) {
            ColumnAtom atom = atoms[a];
            if (atom instanceof Logic logic) {
                for (int part : logic.parts) {
                    if (stamp[part] != generation) {
                        compute(part);
                    }
                }
            } else if (n == 1 && (direct || !atom.readsLabels)) {
                // Comparisons are most atoms: called directly, the rest through the class.
                boolean holds = atom instanceof Compare compare ? compare.holds(columns, from) : atom.holds(columns, from);
                bits[atom.at] = holds ? 1L : 0L;
                stamp[a] = generation;
                return;
            }
            if (!isPrepared[a]) {
                prepared[a] = atom.prepare(columns);
                isPrepared[a] = true;
            }
            atom.evaluate(columns, from, n, bits, prepared[a]);
            stamp[a] = generation;
        }

        /**
         * Sets, in {@code fires} (a row's playbooks, {@code playbookWords} words per row), the bit
         * of every playbook (of {@code only}, a bit per playbook, if not null) that fires for the chunk's rows. {@code fires} must be zero on
         * entry.
         */
        void fires(long[] fires, int playbookWords, long[] only) {
            if (n == 1 && only == null) {
                testAll();
                long[] truth = this.truth, kills = RowProgram.this.kills;
                // The playbooks that fire are those none of the row's failed tests rules out (kills).
                if (killWords == 1) {
                    long kill = 0;
                    for (int k = 0, at = 0; k < testWords; k++) {
                        long t = truth[k];
                        for (int j = 0; j < 64; j += 4, at += 16) {
                            kill |= kills[at + ((int) (t >>> j) & 15)];
                        }
                    }
                    fires[0] |= allPlaybooks[0] & ~kill;
                } else {
                    long[] kill = this.kill;
                    java.util.Arrays.fill(kill, 0L);
                    for (int k = 0, at = 0; k < testWords; k++) {
                        long t = truth[k];
                        for (int j = 0; j < 64; j += 4, at += 16 * killWords) {
                            int from = at + ((int) (t >>> j) & 15) * killWords;
                            for (int w = 0; w < killWords; w++) {
                                kill[w] |= kills[from + w];
                            }
                        }
                    }
                    for (int w = 0; w < killWords; w++) {
                        fires[w] |= allPlaybooks[w] & ~kill[w];
                    }
                }
            } else if (only == null) {
                int blocks = (n + 63) >>> 6;
                for (int g = 0; g < leadAtom.length; g++) {
                    int lead = leadAtom[g];
                    for (int b = 0; b < blocks; b++) {
                        long f = b == blocks - 1 ? valid(n) : -1L;
                        if (lead >= 0 && (f &= word(lead, b, f)) == 0) { // a word is right only for the rows asked
                            continue;
                        }
                        for (int p : led[g]) {
                            fires(fires, playbookWords, p, b, f, lead >= 0 ? 1 : 0);
                        }
                    }
                }
            } else {
                for (int w = 0; w < only.length; w++) {
                    for (long bits = only[w]; bits != 0; bits &= bits - 1) {
                        fires(fires, playbookWords, (w << 6) + Long.numberOfTrailingZeros(bits));
                    }
                }
            }
        }

        /**
         * A chunk of one row evaluating every playbook: tests every atom into {@link #truth}, a
         * bit per atom at its test position: the comparisons with a threshold through the range
         * index (each column read once, one count per column and operator), then the label atoms
         * (of a kept batch: one table lookup per text column; of a new batch: each tested on the row),
         * then the other atoms in index order (a logic atom from its parts' bits: one masked word when they share one).
         * Testing all of them costs less than the mispredicted branches of stopping at each
         * playbook's first atom that fails (measured on the benchmark's 50 rules, sparse and dense).
         * When the tests fit one word and the batch is a kept one, the word is built in a register
         * and stored once ({@link #oneWord}).
         */
        private void testAll() {
            double[] values = this.values;
            if (sourcesFor != columns) {
                for (int s = 0; s < compareSources.length; s++) {
                    sourceArrays[s] = compareSources[s].of(columns);
                }
                for (int g = 0; g < labelColumn.length; g++) {
                    labelCodes[g] = labelColumn[g].codes(columns);
                    labelFixed[g] = labelCodes[g] == null ? labelColumn[g].fixedCode(columns) : 0;
                }
                sourcesFor = columns;
            }
            for (int s = 0; s < compareSources.length; s++) {
                double[] col = sourceArrays[s];
                values[s] = col != null ? col[from] : compareSources[s].value(columns, from);
            }
            long[] truth = this.truth;
            if (testWords == 1 && !direct) {
                truth[0] = oneWord();
                packed = true;
                return;
            }
            java.util.Arrays.fill(truth, 0L);
            ranges.test(values, truth);
            if (direct) {
                for (int[] group : labelAtoms) {
                    for (int a : group) {
                        int t = testOf[a];
                        truth[t >>> 6] |= (atoms[a].holds(columns, from) ? 1L : 0L) << t;
                    }
                }
            } else {
                if (!labelsReady) {
                    prepareLabels();
                }
                for (int g = 0; g < labelTables.length; g++) {
                    byte[] codes = labelCodes[g];
                    truth[labelWord[g]] |= labelTables[g][(codes != null ? codes[from] : labelFixed[g]) + 1];
                }
            }
            int[] otherAtoms = RowProgram.this.otherAtoms;
            long[] otherMask = RowProgram.this.otherMask;
            for (int j = 0; j < otherAtoms.length; j++) {
                int a = otherAtoms[j];
                int t = testOf[a];
                ColumnAtom atom = atoms[a];
                long mask = otherMask[j];
                boolean holds = atomHolds(atom, mask, mask != 0 ? truth[otherWord[j]] : 0);
                truth[t >>> 6] |= (holds ? 1L : 0L) << t;
            }
            packed = true;
        }

        /**
         * {@link #testAll} for a kept batch whose tests fit one word: the same tests in the same
         * order, the word built in a register and stored once by the caller, instead of read and
         * written back in memory by each label group and logic atom (a chain of store-to-load
         * forwarding the kill lookups then wait on).
         */
        private long oneWord() {
            if (!labelsReady) {
                prepareLabels();
            }
            long t = ranges.word(values);
            for (int g = 0; g < labelTables.length; g++) {
                byte[] codes = labelCodes[g];
                t |= labelTables[g][(codes != null ? codes[from] : labelFixed[g]) + 1];
            }
            int[] otherAtoms = RowProgram.this.otherAtoms;
            long[] otherMask = RowProgram.this.otherMask;
            for (int j = 0; j < otherAtoms.length; j++) {
                int a = otherAtoms[j];
                ColumnAtom atom = atoms[a];
                long mask = otherMask[j];
                if (mask == 0) {
                    truth[0] = t; // an atom decided from the array (a logic atom whose parts span words, or a row test)
                }
                boolean holds = atomHolds(atom, mask, t);
                t |= (holds ? 1L : 0L) << testOf[a];
            }
            return t;
        }

        /**
         * Whether a logic atom or row test holds for the row: by {@code mask} over {@code word} (the word holding
         * all its parts) where the compiler gave one, else from the row's truth array or its columns.
         */
        private boolean atomHolds(ColumnAtom atom, long mask, long word) {
            if (mask != 0) {
                long set = word & mask;
                Logic.Kind kind = ((Logic) atom).kind;
                return kind == Logic.Kind.AND ? set == mask : kind == Logic.Kind.OR ? set != 0 : set == 0;
            }
            return atom instanceof Logic logic ? logic.holds(truth, testOf) : atom.holds(columns, from);
        }

        /** Makes the label groups' tables for the prepared batch: each atom's table of accepted codes, placed at its test bit. */
        private void prepareLabels() {
            for (int g = 0; g < labelAtoms.length; g++) {
                long[] table = null;
                for (int a : labelAtoms[g]) {
                    long[] ok = (long[]) atoms[a].prepare(columns);
                    if (table == null) {
                        table = new long[ok.length];
                    }
                    for (int c = 0; c < ok.length; c++) {
                        table[c] |= ok[c] << testOf[a];
                    }
                }
                labelTables[g] = table;
            }
            labelsReady = true;
        }

        /** Sets playbook {@code p}'s bit for the chunk's rows where it fires. */
        private void fires(long[] fires, int playbookWords, int p) {
            int blocks = (n + 63) >>> 6;
            for (int b = 0; b < blocks; b++) {
                fires(fires, playbookWords, p, b, b == blocks - 1 ? valid(n) : -1L, 0);
            }
        }

        /**
         * Sets playbook {@code p}'s bit for the rows of block {@code b} where it fires, of the rows
         * {@code f} that its atoms before the {@code from}th left.
         */
        private void fires(long[] fires, int playbookWords, int p, int b, long f, int from) {
            int[] atomIndexes = chunkFire[p];
            // Each atom is needed only for the rows the atoms before it left: few rows are tested one by one.
            for (int k = from; k < atomIndexes.length && f != 0; k++) {
                f &= word(atomIndexes[k], b, f);
            }
            int pw = p >>> 6;
            long pbit = 1L << p;
            while (f != 0) {
                int row = (b << 6) + Long.numberOfTrailingZeros(f);
                f &= f - 1;
                fires[row * playbookWords + pw] |= pbit;
            }
        }

        /** Whether playbook {@code p}'s situation holds for row {@code i} of the chunk. */
        boolean holds(int i, int p) {
            for (int a : holdAtoms[p]) {
                if ((word(a, i >>> 6, 1L << i) >>> (i & 63) & 1L) == 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The bits of the first {@code n % 64} rows of the last block (all 64 when n is a multiple of 64). */
    static long valid(int n) {
        int r = n & 63;
        return r == 0 ? -1L : (1L << r) - 1;
    }

    /** One atom: writes its bitmap, {@link #BLOCKS} words at {@code index * BLOCKS}. */
    abstract static class ColumnAtom {
        final int at;
        /** Whether {@link #prepare} reads labels (band labels, segments) rather than only column types. */
        final boolean readsLabels;

        ColumnAtom(int index) {
            this(index, false);
        }

        ColumnAtom(int index, boolean readsLabels) {
            this.at = index * BLOCKS;
            this.readsLabels = readsLabels;
        }

        /**
         * What the atom needs from the columns that does not change from row to row (such as which
         * band codes it accepts), worked out once per evaluation; null if nothing.
         */
        Object prepare(AccountBatch columns) {
            return null;
        }

        /**
         * Writes the bitmap for array rows {@code [from, from + n)} (already offset for slices), every
         * block up to n.
         *
         * @param prepared what {@link #prepare} returned for these columns
         */
        abstract void evaluate(AccountBatch columns, int from, int n, long[] bits, Object prepared);

        /**
         * Whether the atom holds for array row {@code from} (already offset for slices): the test of
         * a chunk of one row, the same as bit 0 of {@link #evaluate} for {@code n = 1}.
         */
        abstract boolean holds(AccountBatch columns, int from);

        /**
         * Whether the atom holds for array row {@code from} of a batch it {@link #prepare prepared}
         * for: the same answer as {@link #holds(AccountBatch, int)}, from the prepared tables where it has them.
         */
        boolean holds(AccountBatch columns, int from, Object prepared) {
            return holds(columns, from);
        }

        /** Writes the same word (all set or none) for every block. */
        final void fill(long[] bits, int n, boolean value) {
            int blocks = (n + 63) >>> 6;
            for (int b = 0; b < blocks; b++) {
                bits[at + b] = value ? (b == blocks - 1 ? valid(n) : -1L) : 0L;
            }
        }
    }

    /** A numeric column compared with a threshold; NaN (missing) never holds. */
    private static final class Compare extends ColumnAtom {
        private final NumberColumn source;
        private final Operator op;
        private final double t;

        Compare(int index, NumberColumn source, Operator op, double t) {
            super(index);
            this.source = source;
            this.op = op;
            this.t = t;
        }

        /** A scratch buffer for a column held as float or int; null for one read in place. */
        @Override
        Object prepare(AccountBatch columns) {
            return source.widened(columns) == null ? null : new double[CHUNK];
        }

        @Override
        boolean holds(AccountBatch columns, int from) {
            double v = source.value(columns, from);
            return v == v && op.test(v, t);
        }

        /**
         * Whether this comparison holding implies that {@code o} holds: the same column, both upper
         * or both lower bounds, {@code o}'s as loose or looser ({@code x < 5} implies {@code x <= 5}
         * and {@code x < 7}; {@code x <= 5} implies {@code x < 6} but not {@code x < 5}). A missing
         * value fails both. Equality tests imply nothing here.
         */
        boolean implies(Compare o) {
            if (!source.equals(o.source)) {
                return false;
            }
            switch (op) {
                case LT: return (o.op == Operator.LT || o.op == Operator.LE) && t <= o.t;
                case LE: return o.op == Operator.LE ? t <= o.t : o.op == Operator.LT && t < o.t;
                case GT: return (o.op == Operator.GT || o.op == Operator.GE) && t >= o.t;
                case GE: return o.op == Operator.GE ? t >= o.t : o.op == Operator.GT && t > o.t;
                default: return false;
            }
        }

        @Override
        void evaluate(AccountBatch columns, int from, int n, long[] bits, Object prepared) {
            double[] col = numbers(source, columns, from, n, prepared);
            if (col == null) {
                fill(bits, n, false);
                return;
            }
            double t = this.t;
            for (int b = 0, base = col == prepared ? 0 : from; b << 6 < n; b++, base += 64) {
                int m = Math.min(64, n - (b << 6));
                long word = 0;
                switch (op) {
                    case LT:
                        for (int j = 0; j < m; j++) {
                            word |= (col[base + j] < t ? 1L : 0L) << j;
                        }
                        break;
                    case LE:
                        for (int j = 0; j < m; j++) {
                            word |= (col[base + j] <= t ? 1L : 0L) << j;
                        }
                        break;
                    case GT:
                        for (int j = 0; j < m; j++) {
                            word |= (col[base + j] > t ? 1L : 0L) << j;
                        }
                        break;
                    case GE:
                        for (int j = 0; j < m; j++) {
                            word |= (col[base + j] >= t ? 1L : 0L) << j;
                        }
                        break;
                    default:
                        for (int j = 0; j < m; j++) {
                            double v = col[base + j];
                            word |= (!Double.isNaN(v) && op.test(v, t) ? 1L : 0L) << j;
                        }
                }
                bits[at + b] = word;
            }
        }
    }

    /** Two numeric columns compared: {@code a op b x factor}; NaN (missing) on either side never holds. */
    private static final class CompareFields extends ColumnAtom {
        private final NumberColumn a, b;
        private final Operator op;
        private final double factor;

        CompareFields(int index, NumberColumn a, Operator op, NumberColumn b, double factor) {
            super(index);
            this.a = a;
            this.b = b;
            this.op = op;
            this.factor = factor;
        }

        /** Two scratch buffers, for columns held as float or int. */
        @Override
        Object prepare(AccountBatch columns) {
            return new double[][] {new double[CHUNK], new double[CHUNK]};
        }

        @Override
        boolean holds(AccountBatch columns, int from) {
            double v = a.value(columns, from), w = b.value(columns, from) * factor;
            return !Double.isNaN(v) && !Double.isNaN(w) && op.test(v, w);
        }

        @Override
        void evaluate(AccountBatch columns, int from, int n, long[] bits, Object prepared) {
            double[][] scratch = (double[][]) prepared;
            double[] x = numbers(a, columns, from, n, scratch[0]), y = numbers(b, columns, from, n, scratch[1]);
            if (x == null || y == null) {
                fill(bits, n, false);
                return;
            }
            int bx = x == scratch[0] ? 0 : from, by = y == scratch[1] ? 0 : from;
            for (int blk = 0; blk << 6 < n; blk++) {
                int m = Math.min(64, n - (blk << 6));
                long word = 0;
                for (int j = 0; j < m; j++) {
                    int r = (blk << 6) + j;
                    double v = x[bx + r], w = y[by + r] * factor;
                    word |= (!Double.isNaN(v) && !Double.isNaN(w) && op.test(v, w) ? 1L : 0L) << j;
                }
                bits[at + blk] = word;
            }
        }
    }

    /**
     * A test of what a row brings besides its columns (its event, its manual enrolments), read row
     * by row: such rows are few, and most batches have none at all.
     */
    private abstract static class RowInput extends ColumnAtom {
        RowInput(int index) {
            super(index);
        }

        /** Whether any row of the batch brings what this atom reads. */
        abstract boolean any(AccountBatch columns);

        /** The test of one row (a row of the batch, not of its arrays). */
        abstract boolean test(AccountBatch columns, int row);

        @Override
        final boolean holds(AccountBatch columns, int from) {
            return any(columns) && test(columns, from - columns.offset());
        }

        @Override
        final void evaluate(AccountBatch columns, int from, int n, long[] bits, Object prepared) {
            if (!any(columns)) {
                fill(bits, n, false);
                return;
            }
            for (int b = 0, base = from - columns.offset(); b << 6 < n; b++, base += 64) {
                int m = Math.min(64, n - (b << 6));
                long word = 0;
                for (int j = 0; j < m; j++) {
                    word |= (test(columns, base + j) ? 1L : 0L) << j;
                }
                bits[at + b] = word;
            }
        }
    }

    /** The row's event is of the trigger's type and carries what it asks. */
    private static final class EventIs extends RowInput {
        private final Trigger.OnEvent trigger;

        EventIs(int index, Trigger.OnEvent trigger) {
            super(index);
            this.trigger = trigger;
        }

        @Override
        boolean any(AccountBatch columns) {
            return columns.hasEvents();
        }

        @Override
        boolean test(AccountBatch columns, int row) {
            org.cskit.model.event.AccountEvent e = columns.event(row);
            return e != null && org.cskit.model.event.AccountEvents.typeOf(e).equals(trigger.event()) && trigger.matches(e);
        }
    }

    /** The row's account was enrolled by hand in a playbook. */
    private static final class Enrolled extends RowInput {
        private final String playbookId;

        Enrolled(int index, String playbookId) {
            super(index);
            this.playbookId = playbookId;
        }

        @Override
        boolean any(AccountBatch columns) {
            return columns.hasEnrolments();
        }

        @Override
        boolean test(AccountBatch columns, int row) {
            return columns.enrolled(row, playbookId);
        }
    }

    /** A numeric column is present (not NaN). */
    private static final class NumberPresent extends ColumnAtom {
        private final NumberColumn source;

        NumberPresent(int index, NumberColumn source) {
            super(index);
            this.source = source;
        }

        @Override
        Object prepare(AccountBatch columns) {
            return source.widened(columns) == null ? null : new double[CHUNK];
        }

        @Override
        boolean holds(AccountBatch columns, int from) {
            double v = source.value(columns, from);
            return v == v;
        }

        @Override
        void evaluate(AccountBatch columns, int from, int n, long[] bits, Object prepared) {
            double[] col = numbers(source, columns, from, n, prepared);
            if (col == null) {
                fill(bits, n, false);
                return;
            }
            for (int b = 0, base = col == prepared ? 0 : from; b << 6 < n; b++, base += 64) {
                int m = Math.min(64, n - (b << 6));
                long word = 0;
                for (int j = 0; j < m; j++) {
                    double v = col[base + j];
                    word |= (v == v ? 1L : 0L) << j;
                }
                bits[at + b] = word;
            }
        }
    }

    /** A test of a text field (band, direction, segment, stage, account id); null is missing. */
    private static final class Text extends ColumnAtom {
        private final TextColumn source;
        private final Predicate<String> accept;

        Text(int index, TextColumn source, Predicate<String> accept) {
            super(index, true);
            this.source = source;
            this.accept = accept;
        }

        /**
         * A chunk of one row (a per-account call, whose labels are new on every call) tests the
         * row's text itself: cheaper than the table of every label, which would be made per call.
         */
        @Override
        boolean holds(AccountBatch columns, int from) {
            return accept.test(source.value(columns, from - columns.offset()));
        }

        @Override
        boolean holds(AccountBatch columns, int from, Object prepared) {
            return prepared == null ? holds(columns, from) : ((long[]) prepared)[source.code(columns, from) + 1] != 0;
        }

        /** Per code + 1 (0 is missing): 1 where the text is accepted. */
        @Override
        Object prepare(AccountBatch columns) {
            if (source == TextColumn.ACCOUNT_ID) {
                return null;
            }
            String[] labels = source.labels(columns);
            long[] ok = new long[labels.length + 1];
            ok[0] = accept.test(null) ? 1L : 0L;
            for (int c = 0; c < labels.length; c++) {
                ok[c + 1] = accept.test(labels[c]) ? 1L : 0L;
            }
            return ok;
        }

        @Override
        void evaluate(AccountBatch columns, int from, int n, long[] bits, Object prepared) {
            if (source == TextColumn.ACCOUNT_ID) {
                for (int b = 0, base = from; b << 6 < n; b++, base += 64) {
                    int m = Math.min(64, n - (b << 6));
                    long word = 0;
                    for (int j = 0; j < m; j++) {
                        word |= (accept.test(columns.accountId(base - columns.offset() + j).value()) ? 1L : 0L) << j;
                    }
                    bits[at + b] = word;
                }
                return;
            }
            long[] ok = (long[]) prepared;
            byte[] codes = source.codes(columns);
            if (codes == null) {
                fill(bits, n, ok[source.fixedCode(columns) + 1] != 0);
                return;
            }
            if (n == 1) {
                bits[at] = ok[codes[from] + 1];
                return;
            }
            for (int b = 0, base = from; b << 6 < n; b++, base += 64) {
                int m = Math.min(64, n - (b << 6));
                long word = 0;
                for (int j = 0; j < m; j++) {
                    word |= ok[codes[base + j] + 1] << j;
                }
                bits[at + b] = word;
            }
        }
    }

    /** An audience: segment (by name and engagement model) and lifecycle stage. */
    private static final class InAudience extends ColumnAtom {
        private final Audience audience;

        InAudience(int index, Audience audience) {
            super(index, true);
            this.audience = audience;
        }

        /** Per segment code and stage ordinal: 1 where the audience includes the account. */
        @Override
        Object prepare(AccountBatch columns) {
            List<Segment> segments = columns.segments();
            LifecycleStage[] stages = LifecycleStage.values();
            long[][] ok = new long[segments.size()][stages.length];
            for (int s = 0; s < segments.size(); s++) {
                for (int g = 0; g < stages.length; g++) {
                    ok[s][g] = audience.includes(segments.get(s).name(), stages[g], segments.get(s).engagementModel()) ? 1L : 0L;
                }
            }
            return ok;
        }

        @Override
        boolean holds(AccountBatch columns, int from) {
            Segment segment = columns.segment(from - columns.offset());
            return audience.includes(segment.name(), columns.stage(from - columns.offset()), segment.engagementModel());
        }

        @Override
        void evaluate(AccountBatch columns, int from, int n, long[] bits, Object prepared) {
            long[][] ok = (long[][]) prepared;
            byte[] segment = columns.segmentCodes();
            byte[] stage = columns.stageCodes();
            int fixedStage = stage == null ? columns.fixedStage().ordinal() : -1;
            for (int b = 0, base = from; b << 6 < n; b++, base += 64) {
                int m = Math.min(64, n - (b << 6));
                long word = 0;
                for (int j = 0; j < m; j++) {
                    int s = segment == null ? 0 : segment[base + j];
                    int g = fixedStage >= 0 ? fixedStage : stage[base + j];
                    word |= ok[s][g] << j;
                }
                bits[at + b] = word;
            }
        }
    }

    /** And, or, not over other atoms (computed earlier: children always have lower indexes). */
    private static final class Logic extends ColumnAtom {
        enum Kind { AND, OR, NOT }

        final Kind kind;
        final int[] parts;

        Logic(int index, Kind kind, int[] parts) {
            super(index);
            this.kind = kind;
            this.parts = parts;
        }

        /** Whether it holds for a one-row chunk, from its parts' bits in a bit set of atoms. */
        boolean holds(long[] truth, int[] testOf) {
            if (kind == Kind.NOT) {
                int t = testOf[parts[0]];
                return (truth[t >>> 6] >>> t & 1L) == 0;
            }
            boolean and = kind == Kind.AND;
            for (int part : parts) {
                int t = testOf[part];
                if ((truth[t >>> 6] >>> t & 1L) != 0 != and) {
                    return !and;
                }
            }
            return and;
        }

        /** Its bits for the rows {@code rows} of block {@code b} (zero elsewhere), from its parts' bits for as few rows as decide. */
        long test(Chunk chunk, int b, long rows) {
            switch (kind) {
                case NOT:
                    return ~chunk.word(parts[0], b, rows) & rows;
                case AND: {
                    long left = rows;
                    for (int k = 0; k < parts.length && left != 0; k++) {
                        left &= chunk.word(parts[k], b, left);
                    }
                    return left;
                }
                default: {
                    long found = 0, left = rows;
                    for (int k = 0; k < parts.length && left != 0; k++) {
                        long got = chunk.word(parts[k], b, left) & left;
                        found |= got;
                        left &= ~got;
                    }
                    return found;
                }
            }
        }

        /** Never called: a logic atom is computed from its parts' bits, for one row too. */
        @Override
        boolean holds(AccountBatch columns, int from) {
            throw new IllegalStateException("a logic atom is computed from its parts' bitmaps");
        }

        @Override
        void evaluate(AccountBatch columns, int from, int n, long[] bits, Object prepared) {
            int blocks = (n + 63) >>> 6;
            for (int b = 0; b < blocks; b++) {
                long word;
                if (kind == Kind.NOT) {
                    word = ~bits[parts[0] * BLOCKS + b] & (b == blocks - 1 ? valid(n) : -1L);
                } else if (kind == Kind.AND) {
                    word = -1L;
                    for (int part : parts) {
                        word &= bits[part * BLOCKS + b];
                    }
                } else {
                    word = 0L;
                    for (int part : parts) {
                        word |= bits[part * BLOCKS + b];
                    }
                }
                bits[at + b] = word;
            }
        }
    }

    /**
     * Where a numeric field's column is: a feature's column, or one of the vectors' number columns.
     * A feature's {@code double} column is read in place; a {@code float} or {@code int} column is
     * widened, one chunk at a time, into a scratch buffer of the chunk (exact: every float and int
     * is a double), so the comparison loops read {@code double[]} either way. One final class (no
     * interface, no lambdas): a one-row test reads its value without a call that cannot be inlined.
     */
    private static final class NumberColumn {
        static final int SCORE = -1, VELOCITY = -2, COVERAGE = -3, PREVIOUS_SCORE = -4;
        /** The feature's index in the schema, or one of the vector fields above. */
        private final int index;

        NumberColumn(int index) {
            this.index = index;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NumberColumn other && other.index == index;
        }

        @Override
        public int hashCode() {
            return index;
        }

        /** The column's {@code double[]}, or null when missing everywhere or held in another type. */
        double[] of(AccountBatch c) {
            if (index >= 0) {
                return c.features().doubles(index);
            }
            org.cskit.model.columns.VectorColumns v = index == PREVIOUS_SCORE ? c.previousVectors() : c.vectors();
            if (v == null) {
                return null;
            }
            return switch (index) {
                case VELOCITY -> v.velocities();
                case COVERAGE -> v.coverages();
                default -> v.scores();
            };
        }

        /** The column when it is held as {@code float} or {@code int} (read per chunk, widened), else null. */
        FeatureColumn widened(AccountBatch c) {
            if (index < 0) {
                return null;
            }
            FeatureColumn column = c.features().column(index);
            return column == null || column.type() == FeatureColumn.Type.DOUBLE ? null : column;
        }

        /** The value at array row {@code from}; NaN when missing. */
        double value(AccountBatch c, int from) {
            double[] col = of(c);
            if (col != null) {
                return col[from];
            }
            FeatureColumn widened = widened(c);
            return widened == null ? Double.NaN : widened.get(from);
        }
    }

    /**
     * The array a number atom reads for rows {@code [from, from + n)}, and the index of row
     * {@code from} in it: the column itself, or the chunk's scratch buffer holding the rows
     * widened; null when the column is missing everywhere.
     */
    private static double[] numbers(NumberColumn source, AccountBatch columns, int from, int n, Object scratch) {
        double[] col = source.of(columns);
        if (col != null) {
            return col;
        }
        FeatureColumn widened = source.widened(columns);
        if (widened == null) {
            return null;
        }
        double[] buffer = (double[]) scratch;
        widened.read(from, n, buffer);
        return buffer;
    }

    /** A coded text column: labels, and codes per row ({@code -1} missing) or one code for all rows. */
    private enum TextColumn {
        BAND, PREVIOUS_BAND, DIRECTION, PREVIOUS_DIRECTION, SEGMENT, STAGE, ACCOUNT_ID;

        private static final String[] DIRECTIONS = names(Direction.values());
        private static final String[] STAGES = names(LifecycleStage.values());

        private static String[] names(Enum<?>[] values) {
            String[] names = new String[values.length];
            for (int i = 0; i < values.length; i++) {
                names[i] = values[i].name();
            }
            return names;
        }

        String[] labels(AccountBatch c) {
            switch (this) {
                case BAND:
                    return c.vectors() == null ? new String[0] : c.vectors().bandLabels().toArray(new String[0]);
                case PREVIOUS_BAND:
                    return c.previousVectors() == null ? new String[0] : c.previousVectors().bandLabels().toArray(new String[0]);
                case DIRECTION:
                case PREVIOUS_DIRECTION:
                    return DIRECTIONS;
                case SEGMENT:
                    return c.segments().stream().map(Segment::name).toArray(String[]::new);
                default:
                    return STAGES;
            }
        }

        byte[] codes(AccountBatch c) {
            switch (this) {
                case BAND: return c.vectors() == null ? null : c.vectors().bandCodes();
                case PREVIOUS_BAND: return c.previousVectors() == null ? null : c.previousVectors().bandCodes();
                case DIRECTION: return c.vectors() == null ? null : c.vectors().directionCodes();
                case PREVIOUS_DIRECTION: return c.previousVectors() == null ? null : c.previousVectors().directionCodes();
                case SEGMENT: return c.segmentCodes();
                default: return c.stageCodes();
            }
        }

        /** The text of a row of the batch (not of its arrays): what the row's code names; null when missing. */
        String value(AccountBatch c, int row) {
            switch (this) {
                case BAND: return c.band(row);
                case PREVIOUS_BAND: return c.previousBand(row);
                case DIRECTION: return c.direction(row);
                case PREVIOUS_DIRECTION: return c.previousDirection(row);
                case SEGMENT: return c.segment(row).name();
                case STAGE: return c.stage(row).name();
                default: return c.accountId(row).value();
            }
        }

        /** The code of array row {@code from} ({@code -1} missing): its code, or the code of every row. */
        int code(AccountBatch c, int from) {
            byte[] codes = codes(c);
            return codes == null ? fixedCode(c) : codes[from];
        }

        /** The code of every row when {@link #codes} is null. */
        int fixedCode(AccountBatch c) {
            switch (this) {
                case SEGMENT: return 0;
                case STAGE: return c.fixedStage().ordinal();
                default: return -1;
            }
        }
    }

    /** Turns definitions into atoms, sharing identical ones. */
    private static final class Compiler {
        private final FeatureSchema schema;
        private final Map<String, Integer> keys = new HashMap<>();
        final List<ColumnAtom> list = new ArrayList<>();
        /** Per feature, whether a column of it was made: every atom reads features through {@link #number}. */
        final boolean[] featuresRead;

        Compiler(FeatureSchema schema) {
            this.schema = schema;
            this.featuresRead = new boolean[schema.size()];
        }

        private int add(String key, java.util.function.IntFunction<ColumnAtom> make) {
            Integer known = keys.get(key);
            if (known != null) {
                return known;
            }
            int index = list.size();
            list.add(make.apply(index));
            keys.put(key, index);
            return index;
        }

        /** A numeric field's column, or null for a text field (numeric tests on text never hold). */
        private NumberColumn number(String field) {
            switch (field) {
                case Fields.SCORE: return new NumberColumn(NumberColumn.SCORE);
                case Fields.VELOCITY: return new NumberColumn(NumberColumn.VELOCITY);
                case Fields.COVERAGE: return new NumberColumn(NumberColumn.COVERAGE);
                case Fields.PREVIOUS_SCORE: return new NumberColumn(NumberColumn.PREVIOUS_SCORE);
                default:
                    int i = schema.indexOf(field);
                    if (i < 0) {
                        return null;
                    }
                    featuresRead[i] = true;
                    return new NumberColumn(i);
            }
        }

        private TextColumn text(String field) {
            switch (field) {
                case Fields.BAND: return TextColumn.BAND;
                case Fields.PREVIOUS_BAND: return TextColumn.PREVIOUS_BAND;
                case Fields.DIRECTION: return TextColumn.DIRECTION;
                case Fields.SEGMENT: return TextColumn.SEGMENT;
                case Fields.STAGE: return TextColumn.STAGE;
                case Fields.ACCOUNT_ID: return TextColumn.ACCOUNT_ID;
                default: return null;
            }
        }

        private int never() {
            return add("never", i -> new ColumnAtom(i) {
                @Override
                void evaluate(AccountBatch columns, int from, int n, long[] bits, Object prepared) {
                    fill(bits, n, false);
                }

                @Override
                boolean holds(AccountBatch columns, int from) {
                    return false;
                }
            });
        }

        int compare(String field, Operator op, double value) {
            NumberColumn source = number(field);
            if (source == null) {
                return never();
            }
            return add("cmp " + field + " " + op + " " + value, i -> new Compare(i, source, op, value));
        }

        private int text(String field, String key, Predicate<String> accept) {
            TextColumn source = text(field);
            return source == null ? never() : textColumn(source, key, accept);
        }

        private int textColumn(TextColumn source, String key, Predicate<String> accept) {
            return add("text " + source + " " + key, i -> new Text(i, source, accept));
        }

        private int present(String field) {
            TextColumn t = text(field);
            if (t != null) {
                return text(field, "present", v -> v != null);
            }
            NumberColumn source = number(field);
            return add("present " + field, i -> new NumberPresent(i, source));
        }

        private int logic(Logic.Kind kind, int... parts) {
            StringBuilder key = new StringBuilder(kind.name());
            for (int p : parts) {
                key.append(' ').append(p);
            }
            return add(key.toString(), i -> new Logic(i, kind, parts));
        }

        int audience(Audience audience) {
            return add("audience " + audience, i -> new InAudience(i, audience));
        }

        int condition(Condition condition) {
            return switch (condition.kind()) {
                case COMPARE -> {
                    Condition.Compare cmp = (Condition.Compare) condition;
                    yield compare(cmp.field(), cmp.op(), cmp.value());
                }
                case COMPARE_FIELDS -> {
                    Condition.CompareFields cmp = (Condition.CompareFields) condition;
                    NumberColumn a = number(cmp.field()), b = number(cmp.other());
                    yield a == null || b == null ? never()
                            : add("cmp2 " + cmp.field() + " " + cmp.op() + " " + cmp.other() + " " + cmp.factor(),
                                    i -> new CompareFields(i, a, cmp.op(), b, cmp.factor()));
                }
                case IS -> {
                    String value = ((Condition.Is) condition).value();
                    yield text(((Condition.Is) condition).field(), "is " + value, value::equals);
                }
                case IN -> {
                    List<String> values = ((Condition.In) condition).values();
                    yield text(((Condition.In) condition).field(), "in " + values, v -> v != null && values.contains(v));
                }
                case PRESENT -> present(((Condition.Present) condition).field());
                case ABSENT -> logic(Logic.Kind.NOT, present(((Condition.Absent) condition).field()));
                case ALL_OF -> logic(Logic.Kind.AND, conditions(((Condition.AllOf) condition).conditions()));
                case ANY_OF -> logic(Logic.Kind.OR, conditions(((Condition.AnyOf) condition).conditions()));
                case NOT -> logic(Logic.Kind.NOT, condition(((Condition.Not) condition).condition()));
            };
        }

        private int[] conditions(List<Condition> conditions) {
            int[] parts = new int[conditions.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = condition(conditions.get(i));
            }
            return parts;
        }

        /** Adds the atoms whose conjunction is the condition: the parts of an all-of, else the condition's atom. */
        void conjunct(Condition condition, List<Integer> into) {
            List<Condition> parts = switch (condition.kind()) {
                case ALL_OF -> ((Condition.AllOf) condition).conditions();
                case COMPARE, COMPARE_FIELDS, IS, IN, PRESENT, ABSENT, ANY_OF, NOT -> null;
            };
            if (parts == null) {
                into.add(condition(condition));
            } else {
                for (Condition c : parts) {
                    conjunct(c, into);
                }
            }
        }

        /**
         * Adds the trigger's atoms: those that must hold for it to fire, and for its situation to
         * hold. A cadence adds none (the state decides when it is due); events and manual enrolment
         * only fire.
         *
         * @return whether the trigger's situation can clear (auto-close applies): false for the
         *     momentary triggers (event, cadence, manual)
         */
        boolean trigger(Trigger trigger, String playbookId, List<Integer> fire, List<Integer> hold) {
            return switch (trigger.kind()) {
                case THRESHOLD -> {
                    Trigger.Threshold t = (Trigger.Threshold) trigger;
                    both(fire, hold, compare(t.field(), t.op(), t.value()));
                    yield true;
                }
                case BAND_ENTERED -> {
                    String band = ((Trigger.BandEntered) trigger).band();
                    both(fire, hold, textColumn(TextColumn.BAND, "is " + band, band::equals));
                    fire.add(logic(Logic.Kind.NOT, textColumn(TextColumn.PREVIOUS_BAND, "is " + band, band::equals)));
                    yield true;
                }
                case BAND_LEFT -> {
                    String band = ((Trigger.BandLeft) trigger).band();
                    int now = textColumn(TextColumn.BAND, "is " + band, band::equals);
                    both(fire, hold, logic(Logic.Kind.NOT, now), textColumn(TextColumn.BAND, "present", v -> v != null));
                    fire.add(textColumn(TextColumn.PREVIOUS_BAND, "is " + band, band::equals));
                    yield true;
                }
                case DIRECTION_TURNED -> {
                    String to = ((Trigger.DirectionTurned) trigger).to().name();
                    both(fire, hold, textColumn(TextColumn.DIRECTION, "is " + to, to::equals));
                    fire.add(logic(Logic.Kind.NOT, textColumn(TextColumn.PREVIOUS_DIRECTION, "is " + to, to::equals)));
                    yield true;
                }
                case DAYS_BEFORE_RENEWAL -> {
                    both(fire, hold, compare(StandardFeatures.DAYS_TO_RENEWAL, Operator.LE, ((Trigger.DaysBeforeRenewal) trigger).days()),
                            compare(StandardFeatures.DAYS_TO_RENEWAL, Operator.GE, 0));
                    yield true;
                }
                case DAYS_AFTER_START -> {
                    Trigger.DaysAfterStart s = (Trigger.DaysAfterStart) trigger;
                    both(fire, hold, compare(StandardFeatures.DAYS_SINCE_START, Operator.GE, s.from()),
                            compare(StandardFeatures.DAYS_SINCE_START, Operator.LT, s.to()));
                    yield true;
                }
                case MILESTONE_OVERDUE -> {
                    both(fire, hold, compare(StandardFeatures.MAX_DAYS_OVERDUE, Operator.GE, ((Trigger.MilestoneOverdue) trigger).days()));
                    yield true;
                }
                case EVENT -> {
                    Trigger.OnEvent e = (Trigger.OnEvent) trigger;
                    fire.add(add("event " + e.event() + " " + new java.util.TreeMap<>(e.when()), i -> new EventIs(i, e)));
                    yield false;
                }
                case MANUAL -> {
                    fire.add(add("enrolled " + playbookId, i -> new Enrolled(i, playbookId)));
                    yield false;
                }
                case EVERY -> false;
            };
        }

        private static void both(List<Integer> fire, List<Integer> hold, int... atoms) {
            for (int a : atoms) {
                fire.add(a);
                hold.add(a);
            }
        }
    }
}
