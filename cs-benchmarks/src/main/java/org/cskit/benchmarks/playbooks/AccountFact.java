package org.cskit.benchmarks.playbooks;

import org.cskit.playbooks.engine.PlaybookInput;

/**
 * The fact the object peers see: the account's index (for the cooldown state) and the same input
 * cskit reads, viewed through {@link AccountView}.
 */
public final class AccountFact implements AccountView {
    private final int index;
    private final PlaybookInput input;
    private final long now;

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

    @Override
    public double feature(int index) {
        return input.snapshot().features().valueAt(index);
    }

    @Override
    public double score() {
        return input.vector().get().score();
    }

    @Override
    public String band() {
        return input.vector().get().band().label();
    }

    @Override
    public String previousBand() {
        return input.snapshot().previousVector().map(v -> v.band().label()).orElse(null);
    }

    @Override
    public String direction() {
        return input.vector().get().direction().name();
    }

    @Override
    public String segment() {
        return input.snapshot().segment().name();
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public long now() {
        return now;
    }
}
