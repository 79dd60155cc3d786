package org.cskit.benchmarks.playbooks;

import org.cskit.playbooks.engine.PlaybookInput;

/** The fact the peers see: the account's index (for the cooldown state) and the same input cskit reads. */
public final class AccountFact {
    public final int index;
    public final PlaybookInput input;
    public final long now;

    public AccountFact(int index, PlaybookInput input) {
        this.index = index;
        this.input = input;
        this.now = input.snapshot().asOf().toEpochMilli();
    }

    static AccountFact[] of(PlaybookInput[] inputs) {
        AccountFact[] facts = new AccountFact[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            facts[i] = new AccountFact(i, inputs[i]);
        }
        return facts;
    }
}
