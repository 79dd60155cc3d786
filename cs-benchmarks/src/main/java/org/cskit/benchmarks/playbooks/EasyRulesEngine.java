package org.cskit.benchmarks.playbooks;

import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.cskit.playbooks.engine.PlaybookInput;
import org.jeasy.rules.api.Facts;
import org.jeasy.rules.api.Rules;
import org.jeasy.rules.api.RulesEngine;
import org.jeasy.rules.core.DefaultRulesEngine;
import org.jeasy.rules.core.RuleBuilder;

/**
 * Easy Rules 4.1.0, rules as Java lambdas (not MVEL/SpEL): each rule's condition is its trigger and
 * conditions and the cooldown check, its action records the cooldown and counts. A new
 * {@link Facts} per account (Easy Rules' documented usage) holding the account's {@link AccountView}:
 * its {@link AccountFact} over the cskit objects, built before the timed region ({@link #objects}), or
 * a {@link RowFact} over the primitive columns, created per account ({@link #columns}). Logging is slf4j-nop.
 */
public final class EasyRulesEngine implements Engine {
    private static final String ACCOUNT = "account";
    private final IntFunction<? extends AccountView> facts;
    private final Cooldowns cooldowns;
    private final Rules rules = new Rules();
    private final RulesEngine engine = new DefaultRulesEngine();

    /** Over the cskit objects, one {@link AccountFact} per account held for the whole run. */
    public static EasyRulesEngine objects(PlaybookInput[] inputs, int batch, Firings firings) {
        AccountFact[] all = AccountFact.of(inputs);
        return new EasyRulesEngine(i -> all[i], batch, firings);
    }

    /** Over the primitive columns, a {@link RowFact} created per account as it is evaluated. */
    public static EasyRulesEngine columns(Portfolio p, int batch, Firings firings) {
        return new EasyRulesEngine(RowFact.rows(p), batch, firings);
    }

    /** @param facts the fact of each account index */
    public EasyRulesEngine(IntFunction<? extends AccountView> facts, int batch, Firings firings) {
        this.facts = facts;
        this.cooldowns = new Cooldowns(batch);
        for (int r = 0; r < RuleSet.RULES; r++) {
            int rule = r;
            List<RuleSet.Test> tests = RuleSet.tests(r);
            @SuppressWarnings("unchecked")
            Predicate<AccountView>[] all = tests.stream().map(RuleSet.Test::test).toArray(Predicate[]::new);
            rules.register(new RuleBuilder().name(RuleSet.id(r)).priority(r).when(f -> {
                AccountView a = f.get(ACCOUNT);
                for (Predicate<AccountView> t : all) {
                    if (!t.test(a)) {
                        return false;
                    }
                }
                return cooldowns.ready(a.index(), rule, a.now());
            }).then(f -> {
                AccountView a = f.get(ACCOUNT);
                cooldowns.record(a.index(), rule, a.now());
                firings.fire(a.index(), rule);
            }).build());
        }
    }

    @Override
    public void reset(int base) {
        cooldowns.reset(base);
    }

    @Override
    public long evaluate(int from, int to) {
        long n = 0;
        for (int i = from; i < to; i++) {
            Facts f = new Facts();
            f.put(ACCOUNT, facts.apply(i));
            engine.fire(rules, f);
            n++;
        }
        return n;
    }
}
