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
import org.cskit.playbooks.Audience;
import org.cskit.playbooks.Condition;
import org.cskit.playbooks.Fields;
import org.cskit.playbooks.Operator;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.Trigger;

/**
 * The playbooks compiled for {@link AccountColumns}: every distinct test (a comparison, a text
 * test, an audience, and the and/or/not built from them) becomes one atom, evaluated column by
 * column for a chunk of rows into a bit set per row; a playbook then fires for a row when all the
 * bits of its mask are set. Same meaning as the object path ({@link CompiledCondition},
 * {@link CompiledTrigger}): a missing number fails every comparison, a missing text equals nothing.
 */
final class RowProgram {
    static final int CHUNK = 256;

    final int words;
    private final ColumnAtom[] atoms;
    /** Per playbook: the atoms that must hold for it to fire, and for its situation to hold (auto-close). */
    final long[][] fireMask, holdMask;
    /** Per playbook: fires in a batch at all (event and manual triggers never do). */
    final boolean[] active;

    RowProgram(List<Playbook> playbooks, FeatureSchema schema) {
        Compiler compiler = new Compiler(schema);
        int n = playbooks.size();
        List<int[]> fires = new ArrayList<>(n);
        List<int[]> holds = new ArrayList<>(n);
        active = new boolean[n];
        for (int p = 0; p < n; p++) {
            Playbook playbook = playbooks.get(p);
            List<Integer> common = new ArrayList<>();
            if (!everyone(playbook.audience())) {
                common.add(compiler.audience(playbook.audience()));
            }
            for (Condition c : playbook.conditions()) {
                common.add(compiler.condition(c));
            }
            Trigger t = playbook.trigger();
            active[p] = !(t instanceof Trigger.OnEvent || t instanceof Trigger.Manual);
            int[] trigger = compiler.trigger(t);
            List<Integer> f = new ArrayList<>(common);
            List<Integer> h = new ArrayList<>(common);
            if (trigger != null) {
                f.add(trigger[0]);
                h.add(trigger[1]);
            }
            fires.add(f.stream().mapToInt(Integer::intValue).toArray());
            holds.add(h.stream().mapToInt(Integer::intValue).toArray());
        }
        atoms = compiler.list.toArray(new ColumnAtom[0]);
        words = Math.max(1, (atoms.length + 63) >>> 6);
        fireMask = new long[n][];
        holdMask = new long[n][];
        for (int p = 0; p < n; p++) {
            fireMask[p] = mask(fires.get(p));
            holdMask[p] = mask(holds.get(p));
        }
    }

    private long[] mask(int[] atomIndexes) {
        long[] mask = new long[words];
        for (int a : atomIndexes) {
            mask[a >>> 6] |= 1L << a;
        }
        return mask;
    }

    private static boolean everyone(Audience a) {
        return a.segments().isEmpty() && a.lifecycleStages().isEmpty() && a.engagementModels().isEmpty();
    }

    /** Evaluates every atom for rows {@code [from, from + n)}; bits must be zero on entry, {@code n * words} long. */
    void evaluate(AccountColumns columns, int from, int n, long[] bits) {
        for (ColumnAtom atom : atoms) {
            atom.evaluate(columns, columns.offset + from, n, bits, words);
        }
    }

    /**
     * For rows {@code [0, n)} of {@code bits}, sets in {@code fires} (rows x {@code playbookWords})
     * the bit of every active playbook whose fire mask holds. {@code fires} must be zero on entry.
     */
    void fires(long[] bits, int n, long[] fires, int playbookWords) {
        for (int p = 0; p < fireMask.length; p++) {
            if (!active[p]) {
                continue;
            }
            long[] mask = fireMask[p];
            int pw = p >>> 6;
            long pbit = 1L << p;
            if (words == 1) {
                long m = mask[0];
                for (int i = 0, o = pw; i < n; i++, o += playbookWords) {
                    fires[o] |= (bits[i] & m) == m ? pbit : 0L;
                }
            } else if (words == 2) {
                long m0 = mask[0], m1 = mask[1];
                for (int i = 0, o = pw, b = 0; i < n; i++, o += playbookWords, b += 2) {
                    fires[o] |= ((bits[b] & m0) == m0) & ((bits[b + 1] & m1) == m1) ? pbit : 0L;
                }
            } else {
                for (int i = 0, o = pw; i < n; i++, o += playbookWords) {
                    fires[o] |= matches(bits, i * words, mask) ? pbit : 0L;
                }
            }
        }
    }

    static boolean matches(long[] bits, int offset, long[] mask) {
        for (int w = 0; w < mask.length; w++) {
            long m = mask[w];
            if ((bits[offset + w] & m) != m) {
                return false;
            }
        }
        return true;
    }

    /** One atom: sets its bit for the rows where it holds. */
    abstract static class ColumnAtom {
        final int index;
        final int word;
        final long bit;

        ColumnAtom(int index) {
            this.index = index;
            this.word = index >>> 6;
            this.bit = 1L << index;
        }

        /** Sets this atom's bit for array rows {@code [from, from + n)} (already offset for slices). */
        abstract void evaluate(AccountColumns columns, int from, int n, long[] bits, int words);
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

        @Override
        void evaluate(AccountColumns columns, int from, int n, long[] bits, int words) {
            double[] col = source.of(columns);
            if (col == null) {
                return;
            }
            int w = word;
            long b = bit;
            double t = this.t;
            switch (op) {
                case LT:
                    for (int i = 0, o = w; i < n; i++, o += words) {
                        bits[o] |= col[from + i] < t ? b : 0L;
                    }
                    break;
                case LE:
                    for (int i = 0, o = w; i < n; i++, o += words) {
                        bits[o] |= col[from + i] <= t ? b : 0L;
                    }
                    break;
                case GT:
                    for (int i = 0, o = w; i < n; i++, o += words) {
                        bits[o] |= col[from + i] > t ? b : 0L;
                    }
                    break;
                case GE:
                    for (int i = 0, o = w; i < n; i++, o += words) {
                        bits[o] |= col[from + i] >= t ? b : 0L;
                    }
                    break;
                default:
                    for (int i = 0, o = w; i < n; i++, o += words) {
                        double v = col[from + i];
                        if (!Double.isNaN(v) && op.test(v, t)) {
                            bits[o] |= b;
                        }
                    }
            }
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
        void evaluate(AccountColumns columns, int from, int n, long[] bits, int words) {
            double[] col = source.of(columns);
            if (col == null) {
                return;
            }
            for (int i = 0, o = word; i < n; i++, o += words) {
                if (!Double.isNaN(col[from + i])) {
                    bits[o] |= bit;
                }
            }
        }
    }

    /** A test of a text field (band, direction, segment, stage, account id); null is missing. */
    private static final class Text extends ColumnAtom {
        private final TextColumn source;
        private final Predicate<String> accept;

        Text(int index, TextColumn source, Predicate<String> accept) {
            super(index);
            this.source = source;
            this.accept = accept;
        }

        @Override
        void evaluate(AccountColumns columns, int from, int n, long[] bits, int words) {
            if (source == TextColumn.ACCOUNT_ID) {
                for (int i = 0, o = word; i < n; i++, o += words) {
                    if (accept.test(columns.accountId(from - columns.offset + i).value())) {
                        bits[o] |= bit;
                    }
                }
                return;
            }
            String[] labels = source.labels(columns);
            boolean[] ok = new boolean[labels.length + 1]; // index code + 1; 0 is missing
            ok[0] = accept.test(null);
            for (int c = 0; c < labels.length; c++) {
                ok[c + 1] = accept.test(labels[c]);
            }
            byte[] codes = source.codes(columns);
            if (codes == null) {
                int fixed = source.fixedCode(columns);
                if (ok[fixed + 1]) {
                    for (int i = 0, o = word; i < n; i++, o += words) {
                        bits[o] |= bit;
                    }
                }
                return;
            }
            long[] set = new long[ok.length];
            for (int c = 0; c < ok.length; c++) {
                set[c] = ok[c] ? bit : 0L;
            }
            for (int i = 0, o = word; i < n; i++, o += words) {
                bits[o] |= set[codes[from + i] + 1];
            }
        }
    }

    /** An audience: segment (by name and engagement model) and lifecycle stage. */
    private static final class InAudience extends ColumnAtom {
        private final Audience audience;

        InAudience(int index, Audience audience) {
            super(index);
            this.audience = audience;
        }

        @Override
        void evaluate(AccountColumns columns, int from, int n, long[] bits, int words) {
            Segment[] segments = columns.segments;
            LifecycleStage[] stages = LifecycleStage.values();
            boolean[][] ok = new boolean[segments.length][stages.length];
            for (int s = 0; s < segments.length; s++) {
                for (int g = 0; g < stages.length; g++) {
                    ok[s][g] = audience.includes(segments[s].name(), stages[g], segments[s].engagementModel());
                }
            }
            int fixedStage = columns.stage == null ? columns.fixedStage.ordinal() : -1;
            for (int i = 0, o = word; i < n; i++, o += words) {
                int s = columns.segment == null ? 0 : columns.segment[from + i];
                int g = fixedStage >= 0 ? fixedStage : columns.stage[from + i];
                bits[o] |= ok[s][g] ? bit : 0L;
            }
        }
    }

    /** And, or, not over other atoms (computed earlier: children always have lower indexes). */
    private static final class Logic extends ColumnAtom {
        enum Kind { AND, OR, NOT }

        private final Kind kind;
        private final int[] parts;

        Logic(int index, Kind kind, int[] parts) {
            super(index);
            this.kind = kind;
            this.parts = parts;
        }

        @Override
        void evaluate(AccountColumns columns, int from, int n, long[] bits, int words) {
            if (kind == Kind.NOT) {
                int pw = parts[0] >>> 6;
                int shift = parts[0] & 63;
                for (int i = 0, base = 0; i < n; i++, base += words) {
                    long v = ~(bits[base + pw] >>> shift) & 1L; // 1 where the part is false
                    bits[base + word] |= v << index;
                }
                return;
            }
            if (kind == Kind.AND && parts.length == 2) {
                int aw = parts[0] >>> 6, as = parts[0] & 63, bw = parts[1] >>> 6, bs = parts[1] & 63;
                for (int i = 0, base = 0; i < n; i++, base += words) {
                    long v = (bits[base + aw] >>> as) & (bits[base + bw] >>> bs) & 1L;
                    bits[base + word] |= v << index;
                }
                return;
            }
            for (int i = 0; i < n; i++) {
                int base = i * words;
                boolean value;
                if (kind == Kind.NOT) {
                    value = (bits[base + (parts[0] >>> 6)] & (1L << parts[0])) == 0;
                } else {
                    boolean all = kind == Kind.AND;
                    value = all;
                    for (int part : parts) {
                        boolean v = (bits[base + (part >>> 6)] & (1L << part)) != 0;
                        if (v != all) {
                            value = !all;
                            break;
                        }
                    }
                }
                if (value) {
                    bits[base + word] |= bit;
                }
            }
        }
    }

    /** Where a numeric field's column is. */
    private interface NumberColumn {
        double[] of(AccountColumns c);
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

        String[] labels(AccountColumns c) {
            switch (this) {
                case BAND:
                case PREVIOUS_BAND:
                    return c.bandLabels;
                case DIRECTION:
                case PREVIOUS_DIRECTION:
                    return DIRECTIONS;
                case SEGMENT: {
                    String[] names = new String[c.segments.length];
                    for (int i = 0; i < names.length; i++) {
                        names[i] = c.segments[i].name();
                    }
                    return names;
                }
                default:
                    return STAGES;
            }
        }

        byte[] codes(AccountColumns c) {
            switch (this) {
                case BAND: return c.band;
                case PREVIOUS_BAND: return c.previousBand;
                case DIRECTION: return c.direction;
                case PREVIOUS_DIRECTION: return c.previousDirection;
                case SEGMENT: return c.segment;
                default: return c.stage;
            }
        }

        /** The code of every row when {@link #codes} is null. */
        int fixedCode(AccountColumns c) {
            switch (this) {
                case SEGMENT: return 0;
                case STAGE: return c.fixedStage.ordinal();
                default: return -1;
            }
        }
    }

    /** Turns definitions into atoms, sharing identical ones. */
    private static final class Compiler {
        private final FeatureSchema schema;
        private final Map<String, Integer> keys = new HashMap<>();
        final List<ColumnAtom> list = new ArrayList<>();

        Compiler(FeatureSchema schema) {
            this.schema = schema;
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
                case Fields.SCORE: return c -> c.score;
                case Fields.VELOCITY: return c -> c.velocity;
                case Fields.COVERAGE: return c -> c.coverage;
                case Fields.PREVIOUS_SCORE: return c -> c.previousScore;
                default:
                    int i = schema.indexOf(field);
                    return i < 0 ? null : c -> c.features[i];
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
                void evaluate(AccountColumns columns, int from, int n, long[] bits, int words) { }
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
            if (source == null) {
                return never();
            }
            return add("text " + field + " " + key, i -> new Text(i, source, accept));
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
            if (condition instanceof Condition.Compare cmp) {
                return compare(cmp.field(), cmp.op(), cmp.value());
            }
            if (condition instanceof Condition.Is is) {
                String value = is.value();
                return text(is.field(), "is " + value, value::equals);
            }
            if (condition instanceof Condition.In in) {
                List<String> values = in.values();
                return text(in.field(), "in " + values, v -> v != null && values.contains(v));
            }
            if (condition instanceof Condition.Present p) {
                return present(p.field());
            }
            if (condition instanceof Condition.Absent a) {
                return logic(Logic.Kind.NOT, present(a.field()));
            }
            if (condition instanceof Condition.AllOf all) {
                return logic(Logic.Kind.AND, conditions(all.conditions()));
            }
            if (condition instanceof Condition.AnyOf any) {
                return logic(Logic.Kind.OR, conditions(any.conditions()));
            }
            return logic(Logic.Kind.NOT, condition(((Condition.Not) condition).condition()));
        }

        private int[] conditions(List<Condition> conditions) {
            int[] parts = new int[conditions.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = condition(conditions.get(i));
            }
            return parts;
        }

        /** The trigger's {fires, holds} atoms; null for cadence, event and manual triggers (no column test). */
        int[] trigger(Trigger trigger) {
            if (trigger instanceof Trigger.Threshold t) {
                int a = compare(t.field(), t.op(), t.value());
                return new int[] {a, a};
            }
            if (trigger instanceof Trigger.BandEntered b) {
                int now = textColumn(TextColumn.BAND, "is " + b.band(), b.band()::equals);
                int before = textColumn(TextColumn.PREVIOUS_BAND, "is " + b.band(), b.band()::equals);
                return new int[] {logic(Logic.Kind.AND, now, logic(Logic.Kind.NOT, before)), now};
            }
            if (trigger instanceof Trigger.BandLeft b) {
                int now = textColumn(TextColumn.BAND, "is " + b.band(), b.band()::equals);
                int scored = textColumn(TextColumn.BAND, "present", v -> v != null);
                int holds = logic(Logic.Kind.AND, scored, logic(Logic.Kind.NOT, now));
                int before = textColumn(TextColumn.PREVIOUS_BAND, "is " + b.band(), b.band()::equals);
                return new int[] {logic(Logic.Kind.AND, holds, before), holds};
            }
            if (trigger instanceof Trigger.DirectionTurned d) {
                String to = d.to().name();
                int now = textColumn(TextColumn.DIRECTION, "is " + to, to::equals);
                int before = textColumn(TextColumn.PREVIOUS_DIRECTION, "is " + to, to::equals);
                return new int[] {logic(Logic.Kind.AND, now, logic(Logic.Kind.NOT, before)), now};
            }
            if (trigger instanceof Trigger.DaysBeforeRenewal r) {
                int a = logic(Logic.Kind.AND, compare(StandardFeatures.DAYS_TO_RENEWAL, Operator.GE, 0),
                        compare(StandardFeatures.DAYS_TO_RENEWAL, Operator.LE, r.days()));
                return new int[] {a, a};
            }
            if (trigger instanceof Trigger.DaysAfterStart s) {
                int a = logic(Logic.Kind.AND, compare(StandardFeatures.DAYS_SINCE_START, Operator.GE, s.from()),
                        compare(StandardFeatures.DAYS_SINCE_START, Operator.LT, s.to()));
                return new int[] {a, a};
            }
            if (trigger instanceof Trigger.MilestoneOverdue m) {
                int a = compare(StandardFeatures.MAX_DAYS_OVERDUE, Operator.GE, m.days());
                return new int[] {a, a};
            }
            return null;
        }
    }
}
