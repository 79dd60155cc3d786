package org.cskit.benchmarks.playbooks;

import static org.cskit.benchmarks.playbooks.Portfolio.*;
import static org.cskit.benchmarks.playbooks.RuleSet.*;

/**
 * The floor: the same 50 rules as plain if-chains over the portfolio's primitive columns, shared
 * conditions computed once per account, the same {@link Cooldowns} as the peers.
 */
public final class HandWritten implements Engine {
    private final Portfolio p;
    private final Cooldowns cooldowns;
    private final Firings firings;

    public HandWritten(Portfolio p, int batch, Firings firings) {
        this(p, new Cooldowns(batch), firings);
    }

    HandWritten(Portfolio p, Cooldowns cooldowns, Firings firings) {
        this.p = p;
        this.cooldowns = cooldowns;
        this.firings = firings;
    }

    @Override
    public void reset(int base) {
        cooldowns.reset(base);
    }

    private void fire(int i, int rule, long now) {
        if (cooldowns.ready(i, rule, now)) {
            cooldowns.record(i, rule, now);
            firings.fire(i, rule);
        }
    }

    @Override
    public long evaluate(int from, int to) {
        final long now = NOW_MILLIS;
        long n = 0;
        for (int i = from; i < to; i++) {
            double loginsChange = p.loginsChange[i], seats = p.seats[i], score = p.score[i], renewal = p.renewal[i];
            double tickets = p.tickets[i], nps = p.nps[i];
            byte segment = p.segment[i], direction = p.direction[i], band = p.band[i], previousBand = p.previousBand[i];
            boolean enterpriseOrMid = segment == ENTERPRISE || segment == MID_MARKET;
            boolean scoreBelow60 = score < 60;
            boolean renewalWithin180 = renewal <= 180;
            boolean loginsDown10 = loginsChange <= -10;
            boolean declining = direction == DECLINING;
            if (p.logins[i] >= 5 && enterpriseOrMid) {
                for (int k = 0; k < THRESHOLDS; k++) {
                    if (loginsChange <= T0[k]) {
                        fire(i, k, now);
                    }
                }
            }
            if (tickets >= 2 && scoreBelow60) {
                double usersChange = p.usersChange[i];
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
                double arr = p.arr[i];
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
            n++;
        }
        return n;
    }
}
