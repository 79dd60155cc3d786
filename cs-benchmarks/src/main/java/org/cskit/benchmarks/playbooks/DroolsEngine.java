package org.cskit.benchmarks.playbooks;

import static org.drools.model.DSL.declarationOf;
import static org.drools.model.DSL.on;
import static org.drools.model.PatternDSL.pattern;
import static org.drools.model.PatternDSL.rule;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.cskit.playbooks.engine.PlaybookInput;
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
 * rule on the fact class with one {@code expr} per trigger/condition (identical tests share an
 * expression id, so Drools shares their alpha nodes) and a last {@code expr} that checks the
 * cooldown; the consequence records the cooldown and counts. The fact is an {@link AccountView}:
 * {@link AccountFact}s over the cskit objects, built before the timed region ({@link #objects}), or
 * {@link RowFact}s over the primitive columns, one created per account as it is inserted ({@link #columns}).
 * Session modes:
 * <ul>
 *   <li>{@code REUSED}: one stateful session per batch (renewed at {@link #reset}, outside the timed
 *       region); per account insert, fireAllRules, delete;</li>
 *   <li>{@code STATELESS}: a {@link StatelessKieSession}, {@code execute(fact)} per account;</li>
 *   <li>{@code BATCH}: a new stateful session per batch of accounts: insert all, fireAllRules once, dispose.</li>
 * </ul>
 */
public final class DroolsEngine<F extends AccountView> implements Engine {
    public enum Mode { REUSED, STATELESS, BATCH }

    private final IntFunction<F> facts;
    private final Cooldowns cooldowns;
    private final Mode mode;
    private final KieBase kieBase;
    private KieSession reused;
    private final StatelessKieSession stateless;

    /**
     * @param type the fact class the rules match
     * @param facts the fact of each account index
     */
    public DroolsEngine(Class<F> type, IntFunction<F> facts, int batch, Firings firings, Mode mode) {
        this.facts = facts;
        this.mode = mode;
        this.cooldowns = new Cooldowns(batch);
        this.kieBase = KieBaseBuilder.createKieBaseFromModel(model(type, cooldowns, firings));
        this.reused = mode == Mode.REUSED ? kieBase.newKieSession() : null;
        this.stateless = mode == Mode.STATELESS ? kieBase.newStatelessKieSession() : null;
    }

    /** Over the cskit objects, one {@link AccountFact} per account held for the whole run. */
    public static DroolsEngine<AccountFact> objects(PlaybookInput[] inputs, int batch, Firings firings, Mode mode) {
        AccountFact[] all = AccountFact.of(inputs);
        return new DroolsEngine<>(AccountFact.class, i -> all[i], batch, firings, mode);
    }

    /** Over the primitive columns, a {@link RowFact} created per account as it is evaluated. */
    public static DroolsEngine<RowFact> columns(Portfolio p, int batch, Firings firings, Mode mode) {
        return new DroolsEngine<>(RowFact.class, RowFact.rows(p), batch, firings, mode);
    }

    static <F extends AccountView> Model model(Class<F> type, Cooldowns cooldowns, Firings firings) {
        List<Rule> rules = new ArrayList<>();
        for (int r = 0; r < RuleSet.RULES; r++) {
            int rule = r;
            Variable<F> account = declarationOf(type);
            PatternDSL.PatternDef<F> p = pattern(account);
            for (RuleSet.Test t : RuleSet.tests(r)) {
                var test = t.test();
                p = p.expr(t.id(), a -> test.test(a));
            }
            p = p.expr("cooldown " + RuleSet.id(r), a -> cooldowns.ready(a.index(), rule, a.now()));
            rules.add(rule(RuleSet.id(r)).build(p, on(account).execute(a -> {
                cooldowns.record(a.index(), rule, a.now());
                firings.fire(a.index(), rule);
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
                    FactHandle h = reused.insert(facts.apply(i));
                    n += reused.fireAllRules();
                    reused.delete(h);
                }
                return n;
            case STATELESS:
                for (int i = from; i < to; i++) {
                    stateless.execute(facts.apply(i));
                    n++;
                }
                return n;
            default:
                KieSession session = kieBase.newKieSession();
                try {
                    for (int i = from; i < to; i++) {
                        session.insert(facts.apply(i));
                    }
                    return session.fireAllRules();
                } finally {
                    session.dispose();
                }
        }
    }
}
