package org.cskit.benchmarks.playbooks;

import static org.cskit.benchmarks.playbooks.Portfolio.DECLINING;
import static org.cskit.benchmarks.playbooks.Portfolio.ENTERPRISE;
import static org.cskit.benchmarks.playbooks.Portfolio.IMPROVING;
import static org.cskit.benchmarks.playbooks.Portfolio.MID_MARKET;
import static org.cskit.benchmarks.playbooks.Portfolio.RED;
import static org.cskit.benchmarks.playbooks.Portfolio.SMB;
import static org.cskit.benchmarks.playbooks.Portfolio.YELLOW;
import static org.cskit.benchmarks.playbooks.RuleSet.*;

/**
 * The 50 benchmark rules written out for one account's values, as {@link HandWritten} writes them
 * over a {@link Portfolio}'s arrays, for floors whose values come from elsewhere (the nightly job's
 * floor derives and scores them itself). Segment codes as {@link Portfolio}'s (enterprise 0,
 * mid-market 1, smb 2), band codes red 0, yellow 1, green 2, direction codes improving 0, flat 1,
 * declining 2. Not thread-safe (its {@link Cooldowns}).
 *
 * <p>A copy of {@link HandWritten}'s rule chain on purpose: {@code HandWritten} calling this method
 * per account (too large for the JIT to inline, every value loaded up front) made the playbook
 * floor slower, 8.7 to 16.1 ns per account on the sparse portfolio ({@code PlaybookCpuTime 1000000 2
 * handWritten}, 2026-12-05), which would flatter every engine measured against it.
 */
public final class RowRules {
    private final Cooldowns cooldowns;
    private long plays;

    /**
     * @param accounts the most accounts between two {@link #reset}s
     */
    public RowRules(int accounts) {
        this.cooldowns = new Cooldowns(accounts);
    }

    /** Forgets the cooldowns: a fresh history for the accounts from {@code base} on. */
    public void reset(int base) {
        cooldowns.reset(base);
    }

    /** @return the plays made so far */
    public long plays() {
        return plays;
    }

    private void fire(int i, int rule, long now) {
        if (cooldowns.ready(i, rule, now)) {
            cooldowns.record(i, rule, now);
            plays++;
        }
    }

    /** Evaluates the 50 rules for account {@code i}. */
    public void evaluate(int i, long now, double logins, double loginsChange, double usersChange, double tickets, double seats, double nps,
            double renewal, double arr, double score, byte segment, byte direction, byte band, byte previousBand) {
        boolean enterpriseOrMid = segment == ENTERPRISE || segment == MID_MARKET;
        boolean scoreBelow60 = score < 60;
        boolean renewalWithin180 = renewal <= 180;
        boolean loginsDown10 = loginsChange <= -10;
        boolean declining = direction == DECLINING;
        if (logins >= 5 && enterpriseOrMid) {
            for (int k = 0; k < THRESHOLDS; k++) {
                if (loginsChange <= T0[k]) {
                    fire(i, k, now);
                }
            }
        }
        if (tickets >= 2 && scoreBelow60) {
            for (int k = 0; k < THRESHOLDS; k++) {
                if (usersChange <= T1[k]) {
                    fire(i, 5 + k, now);
                }
            }
        }
        if (renewalWithin180) {
            for (int k = 0; k < THRESHOLDS; k++) {
                if (seats < T2[k]) {
                    fire(i, 10 + k, now);
                }
            }
        }
        if (declining && scoreBelow60) {
            for (int k = 0; k < THRESHOLDS; k++) {
                if (tickets >= T3[k]) {
                    fire(i, 15 + k, now);
                }
            }
        }
        if (band == RED && previousBand != RED) {
            for (int k = 0; k < THRESHOLDS; k++) {
                if (arr >= T4[k]) {
                    fire(i, 20 + k, now);
                }
            }
        }
        if (band == YELLOW && previousBand != YELLOW && loginsDown10) {
            for (int k = 0; k < THRESHOLDS; k++) {
                if (nps <= T5[k]) {
                    fire(i, 25 + k, now);
                }
            }
        }
        if (scoreBelow60 && enterpriseOrMid && renewal >= 0) {
            for (int k = 0; k < THRESHOLDS; k++) {
                if (renewal <= T6[k]) {
                    fire(i, 30 + k, now);
                }
            }
        }
        if (loginsDown10 && segment == ENTERPRISE) {
            for (int k = 0; k < THRESHOLDS; k++) {
                if (nps <= T7[k]) {
                    fire(i, 35 + k, now);
                }
            }
        }
        if (seats < 0.5 && renewalWithin180 && declining) {
            for (int k = 0; k < THRESHOLDS; k++) {
                if (score < T8[k]) {
                    fire(i, 40 + k, now);
                }
            }
        }
        if (loginsChange >= 10 && direction == IMPROVING && (segment == MID_MARKET || segment == SMB)) {
            for (int k = 0; k < THRESHOLDS; k++) {
                if (seats >= T9[k]) {
                    fire(i, 45 + k, now);
                }
            }
        }
    }
}
