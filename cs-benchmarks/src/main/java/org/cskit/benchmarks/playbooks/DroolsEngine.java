package org.cskit.benchmarks.playbooks;

import static org.drools.model.DSL.declarationOf;
import static org.drools.model.DSL.on;
import static org.drools.model.PatternDSL.pattern;
import static org.drools.model.PatternDSL.rule;

import java.util.ArrayList;
import java.util.List;
import org.drools.model.Model;
import org.drools.model.PatternDSL;
import org.drools.model.Rule;
import org.drools.model.Variable;
import org.drools.model.impl.ModelImpl;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Drools 10, executable model written with the Java DSL (lambdas, no DRL, no MVEL): one pattern per
 * rule on {@link AccountFact} with one {@code expr} per trigger/condition (identical tests share an
 * expression id, so Drools shares their alpha nodes) and a last {@code expr} that checks the
 * cooldown; the consequence records the cooldown and counts. Session modes:
 * <ul>
 *   <li>{@code REUSED}: one stateful session per batch (renewed at {@link #reset}, outside the timed
 *       region); per account insert, fireAllRules, delete;</li>
 *   <li>{@code STATELESS}: a {@link StatelessKieSession}, {@code execute(fact)} per account;</li>
 *   <li>{@code BATCH}: a new stateful session per batch of accounts: insert all, fireAllRules once, dispose.</li>
 * </ul>
 */
public final class DroolsEngine implements Engine {
    public enum Mode { REUSED, STATELESS, BATCH }

    private final AccountFact[] facts;
    private final Cooldowns cooldowns;
    private final Mode mode;
    private final KieBase kieBase;
    private KieSession reused;
    private final StatelessKieSession stateless;

    public DroolsEngine(AccountFact[] facts, int batch, Firings firings, Mode mode) {
        this.facts = facts;
        this.mode = mode;
        this.cooldowns = new Cooldowns(batch);
        this.kieBase = KieBaseBuilder.createKieBaseFromModel(model(cooldowns, firings));
        this.reused = mode == Mode.REUSED ? kieBase.newKieSession() : null;
        this.stateless = mode == Mode.STATELESS ? kieBase.newStatelessKieSession() : null;
    }

    static Model model(Cooldowns cooldowns, Firings firings) {
        List<Rule> rules = new ArrayList<>();
        for (int r = 0; r < RuleSet.RULES; r++) {
            int rule = r;
            Variable<AccountFact> account = declarationOf(AccountFact.class);
            PatternDSL.PatternDef<AccountFact> p = pattern(account);
            for (RuleSet.Test t : RuleSet.tests(r)) {
                var test = t.test();
                p = p.expr(t.id(), a -> test.test(a.input));
            }
            p = p.expr("cooldown " + RuleSet.id(r), a -> cooldowns.ready(a.index, rule, a.now));
            rules.add(rule(RuleSet.id(r)).build(p, on(account).execute(a -> {
                cooldowns.record(a.index, rule, a.now);
                firings.fire(a.index, rule);
            })));
        }
        ModelImpl model = new ModelImpl();
        rules.forEach(model::addRule);
        return model;
    }

    @Override
    public void reset(int base) {
        cooldowns.reset(base);
        if (mode == Mode.REUSED) {
            // A fresh session per batch, like every engine's fresh history: a session reused across
            // batches retained about 180 bytes per fired rule after its fact was deleted (1.1 GB after
            // 800,000 account evaluations), and its young collections grew to seconds.
            reused.dispose();
            reused = kieBase.newKieSession();
        }
    }

    @Override
    public long evaluate(int from, int to) {
        long n = 0;
        switch (mode) {
            case REUSED:
                for (int i = from; i < to; i++) {
                    FactHandle h = reused.insert(facts[i]);
                    n += reused.fireAllRules();
                    reused.delete(h);
                }
                return n;
            case STATELESS:
                for (int i = from; i < to; i++) {
                    stateless.execute(facts[i]);
                    n++;
                }
                return n;
            default:
                KieSession session = kieBase.newKieSession();
                try {
                    for (int i = from; i < to; i++) {
                        session.insert(facts[i]);
                    }
                    return session.fireAllRules();
                } finally {
                    session.dispose();
                }
        }
    }
}
