package org.cskit.playbooks.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.cskit.model.AccountId;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.EngagementModel;
import org.cskit.model.Features;
import org.cskit.model.LifecycleStage;
import org.cskit.model.SuccessVector;
import org.cskit.model.columns.AccountBatch;
import org.cskit.playbooks.spi.PlayHistory;

/**
 * One account's evaluation: the account read either from a {@link PlaybookInput} (objects) or from
 * one row of {@link AccountBatch}, quick access to its parts, and the shared atoms' results.
 * Triggers, conditions and templates read the account only through this class, so that both forms
 * give the same plays and the same reasons.
 */
final class EvalContext {
    final PlaybookInput input; // null for a row
    private final AccountSnapshot snapshot; // null for a row
    private final Features features; // null for a row
    private final SuccessVector vector; // null when not scored or for a row
    private final SuccessVector previous; // null when none or for a row
    private final AccountBatch columns; // null for an input
    private final int row;
    private LocalDate day; // computed on first use: most evaluations never need it
    private String asOfText; // likewise
    final PlayHistory history; // null for a row
    private final byte[] atoms; // 0 unknown, 1 false, 2 true

    EvalContext(PlaybookInput input, int atomCount, PlayHistory history) {
        this.input = input;
        this.snapshot = input.snapshot();
        this.features = snapshot.features();
        this.vector = input.vector().orElse(null);
        this.previous = snapshot.previousVector().orElse(null);
        this.history = history;
        this.atoms = new byte[atomCount];
        this.columns = null;
        this.row = -1;
    }

    EvalContext(AccountBatch columns, int row, int atomCount) {
        this.input = null;
        this.snapshot = null;
        this.features = null;
        this.vector = null;
        this.previous = null;
        this.history = null;
        this.atoms = new byte[atomCount];
        this.columns = columns;
        this.row = row;
    }

    AccountId accountId() {
        return columns == null ? snapshot.accountId() : columns.accountId(row);
    }

    Instant asOf() {
        return columns == null ? snapshot.asOf() : columns.asOf();
    }

    /** The as-of time as {@link Instant#toString()} writes it, computed once per evaluation. */
    String asOfText() {
        if (asOfText == null) {
            asOfText = Iso.format(asOf());
        }
        return asOfText;
    }

    private String eventKey;
    private String eventTimeText;

    /** When the event occurred, as {@link Instant#toString()} writes it, computed once per evaluation. */
    String eventTimeText() {
        if (eventTimeText == null) {
            eventTimeText = Iso.format(input.event().orElseThrow().occurredAt());
        }
        return eventTimeText;
    }

    /** The event's situation key, computed once per evaluation (several playbooks may react to one event). */
    String eventKey(java.util.function.Function<org.cskit.model.event.AccountEvent, String> key) {
        if (eventKey == null) {
            eventKey = key.apply(input.event().orElseThrow());
        }
        return eventKey;
    }

    /** The as-of day (UTC). */
    LocalDate day() {
        if (day == null) {
            day = LocalDate.ofInstant(asOf(), ZoneOffset.UTC);
        }
        return day;
    }

    String segmentName() {
        return columns == null ? snapshot.segment().name() : columns.segment(row).name();
    }

    EngagementModel engagementModel() {
        return columns == null ? snapshot.segment().engagementModel() : columns.segment(row).engagementModel();
    }

    LifecycleStage stage() {
        return columns == null ? snapshot.lifecycleStage() : columns.stage(row);
    }

    /** Feature {@code index}, NaN when missing. */
    double feature(int index) {
        return columns == null ? features.valueAt(index) : columns.feature(index, row);
    }

    double score() {
        return columns == null ? (vector == null ? Double.NaN : vector.score()) : columns.score(row);
    }

    double velocity() {
        return columns == null ? (vector == null ? Double.NaN : vector.velocity()) : columns.velocity(row);
    }

    double coverage() {
        return columns == null ? (vector == null ? Double.NaN : vector.coverage()) : columns.coverage(row);
    }

    double previousScore() {
        return columns == null ? (previous == null ? Double.NaN : previous.score()) : columns.previousScore(row);
    }

    /** The current band's label, null when not scored. */
    String band() {
        return columns == null ? (vector == null ? null : vector.band().label()) : columns.band(row);
    }

    /** The previous band's label, null when there is no previous vector. */
    String previousBand() {
        return columns == null ? (previous == null ? null : previous.band().label()) : columns.previousBand(row);
    }

    /** The current direction's name, null when not scored. */
    String direction() {
        return columns == null ? (vector == null ? null : vector.direction().name()) : columns.direction(row);
    }

    /** The previous direction's name, null when there is no previous vector. */
    String previousDirection() {
        return columns == null ? (previous == null ? null : previous.direction().name()) : columns.previousDirection(row);
    }

    /** The cached result of a shared atom, computing it once per account. */
    boolean atom(int index, Atom atom) {
        byte state = atoms[index];
        if (state == 0) {
            state = atom.test(this) ? (byte) 2 : (byte) 1;
            atoms[index] = state;
        }
        return state == 2;
    }

    /** A shared, cacheable condition leaf. */
    interface Atom {
        boolean test(EvalContext c);
    }
}
