package org.cskit.playbooks.engine;

import org.cskit.model.columns.AccountBatch;
import java.time.Instant;
import org.cskit.model.AccountId;
import org.cskit.playbooks.Play;
import org.cskit.playbooks.spi.PlayHandle;
import org.cskit.playbooks.spi.PlayState;

/**
 * The engine's {@link PlayHandle}: where the play's row is, and what the state said; the rest on
 * demand. A per-account call keeps a handle per play it delivers in its result, so its size counts:
 * 56 bytes (with compressed references), the row and whether the play was closed in one int.
 */
final class Handle implements PlayHandle {
    private final PlaybookEngine engine;
    private AccountBatch columns; // null until needed for a per-account evaluation
    private final PlaybookInput input; // the per-account evaluation's input, or null for a batch row
    /** The row in the batch, or its complement ({@code ~row}, below 0) for a closed play's handle. */
    private final int rowOrClosed;
    private final CompiledPlaybook playbook;
    private final int situationCode;
    private final long offeredAt;
    private final long reminderOf;
    private String situation;

    Handle(PlaybookEngine engine, AccountBatch columns, PlaybookInput input, int row, CompiledPlaybook playbook, int situationCode,
            long offeredAt, long reminderOf, boolean closed) {
        this.engine = engine;
        this.columns = input == null ? columns : null;
        this.input = input;
        this.rowOrClosed = closed ? ~row : row;
        this.playbook = playbook;
        this.situationCode = situationCode;
        this.offeredAt = offeredAt;
        this.reminderOf = reminderOf;
    }

    private synchronized AccountBatch columns() {
        if (columns == null) {
            columns = OneRow.fresh(input, engine.schema());
        }
        return columns;
    }

    @Override
    public AccountId accountId() {
        return input != null ? input.snapshot().accountId() : columns.accountId(batchRow());
    }

    @Override
    public String playbookId() {
        return playbook.id;
    }

    @Override
    public int playbookIndex() {
        return playbook.index;
    }

    @Override
    public int row() {
        return input != null ? -1 : batchRow();
    }

    @Override
    public synchronized String situation() {
        if (situation == null) {
            // A per-account handle's name needs only the code and the input's event, not the thread's (reused) arrays.
            situation = input != null ? playbook.situation(situationCode, input.event().orElse(null))
                    : playbook.situation(situationCode, columns, batchRow());
        }
        return situation;
    }

    @Override
    public String key() {
        String key = playbook.id + "|" + accountId().value() + "|" + situation() + "|" + Iso.format(Instant.ofEpochSecond(offeredAt));
        return reminderOf == PlayState.NEVER ? key : key + "|reminder@" + Iso.format(Instant.ofEpochSecond(reminderOf));
    }

    @Override
    public Instant at() {
        return input != null ? input.snapshot().asOf() : columns.asOf();
    }

    @Override
    public boolean reminder() {
        return reminderOf != PlayState.NEVER;
    }

    @Override
    public Play play() {
        if (closed()) {
            throw new UnsupportedOperationException("play " + key() + " closed; the engine keeps only its key and situation");
        }
        return engine.build(columns(), input != null ? 0 : batchRow(), playbook, situation(), key());
    }

    @Override
    public String toString() {
        return (closed() ? "closed " : "") + key();
    }

    private int batchRow() {
        return rowOrClosed < 0 ? ~rowOrClosed : rowOrClosed;
    }

    private boolean closed() {
        return rowOrClosed < 0;
    }
}
