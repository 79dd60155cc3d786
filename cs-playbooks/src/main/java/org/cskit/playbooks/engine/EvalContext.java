package org.cskit.playbooks.engine;

import java.time.LocalDate;
import java.time.ZoneOffset;
import org.cskit.model.AccountSnapshot;
import org.cskit.model.Features;
import org.cskit.model.SuccessVector;
import org.cskit.playbooks.spi.PlayHistory;

/** One account's evaluation: the input, quick access to its parts, and the shared atoms' results. */
final class EvalContext {
    final PlaybookInput input;
    final AccountSnapshot snapshot;
    final Features features;
    final SuccessVector vector; // null when not scored
    final SuccessVector previous; // null when none
    private LocalDate day; // computed on first use: most evaluations never need it
    final PlayHistory history;
    private final byte[] atoms; // 0 unknown, 1 false, 2 true

    EvalContext(PlaybookInput input, int atomCount, PlayHistory history) {
        this.input = input;
        this.snapshot = input.snapshot();
        this.features = snapshot.features();
        this.vector = input.vector().orElse(null);
        this.previous = snapshot.previousVector().orElse(null);
        this.history = history;
        this.atoms = new byte[atomCount];
    }

    /** The as-of day (UTC). */
    LocalDate day() {
        if (day == null) {
            day = LocalDate.ofInstant(snapshot.asOf(), ZoneOffset.UTC);
        }
        return day;
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
