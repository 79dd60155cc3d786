package org.cskit.benchmarks.playbooks;

import org.cskit.playbooks.engine.PlaybookInput;

/** Builds an engine by its benchmark name. */
public final class Engines {
    /** Every engine and peer mode, by benchmark name. */
    public static final String[] NAMES = {"cskit", "cskitObserved", "cskitColumns", "cskitObservedColumns", "easyRules", "easyRulesColumns", "drools", "droolsStateless",
        "droolsBatch", "droolsColumns", "handWritten"};

    private Engines() {}

    /**
     * Whether an engine reads only the primitive columns (so no {@code PlaybookInput} need be built for it).
     *
     * @param name an engine name from {@link #NAMES}
     * @return true for handWritten and the {@code ...Columns} modes
     */
    public static boolean columnar(String name) {
        return name.equals("handWritten") || name.endsWith("Columns");
    }

    /**
     * Builds one engine over a portfolio.
     *
     * @param name an engine name from {@link #NAMES}
     * @param portfolio the columns (read by the {@link #columnar} engines only)
     * @param inputs the objects (read by every other engine); may be null for the {@link #columnar} engines
     * @param batch the most accounts between two resets
     * @param firings where plays go
     * @param record whether the cskit sink must recover (account, rule) from each play (the gate)
     * @return the engine
     */
    public static Engine create(String name, Portfolio portfolio, PlaybookInput[] inputs, int batch, Firings firings, boolean record) {
        switch (name) {
            case "cskit":
                return record ? new CskitEngine(inputs, RuleSet.playbooks(), firings)
                        : CskitEngine.counting(inputs, RuleSet.playbooks(), firings);
            case "cskitObserved":
                return (record ? new CskitEngine(inputs, RuleSet.playbooks(), firings)
                        : CskitEngine.counting(inputs, RuleSet.playbooks(), firings)).observed(new CountingListener());
            case "cskitColumns":
                return new CskitColumnsEngine(portfolio, RuleSet.playbooks(), batch, firings);
            case "cskitObservedColumns":
                return new CskitColumnsEngine(portfolio, RuleSet.playbooks(), batch, firings).observed(new CountingListener());
            case "easyRules":
                return EasyRulesEngine.objects(inputs, batch, firings);
            case "drools":
                return DroolsEngine.objects(inputs, batch, firings, DroolsEngine.Mode.REUSED);
            case "droolsStateless":
                return DroolsEngine.objects(inputs, batch, firings, DroolsEngine.Mode.STATELESS);
            case "droolsBatch":
                return DroolsEngine.objects(inputs, batch, firings, DroolsEngine.Mode.BATCH);
            case "easyRulesColumns":
                return EasyRulesEngine.columns(portfolio, batch, firings);
            case "droolsColumns":
                // BATCH, Drools' fastest mode here: tried against REUSED (insert/fire/delete per row fact),
                // it was as fast on dense (3.1 vs 3.1 us per account) and 1.6x faster on sparse (0.63 vs 1.0 us).
                return DroolsEngine.columns(portfolio, batch, firings, DroolsEngine.Mode.BATCH);
            case "handWritten":
                return new HandWritten(portfolio, batch, firings);
            default:
                throw new IllegalArgumentException("unknown engine " + name);
        }
    }
}
