package org.cskit.benchmarks.playbooks;

import org.cskit.playbooks.engine.PlaybookInput;

/** Builds an engine by its benchmark name. */
public final class Engines {
    /** Every engine and peer mode, by benchmark name. */
    public static final String[] NAMES = {"cskit", "cskitColumns", "easyRules", "drools", "droolsStateless", "droolsBatch", "handWritten"};

    private Engines() {}

    /**
     * Builds one engine over a portfolio.
     *
     * @param name an engine name from {@link #NAMES}
     * @param portfolio the columns (read by handWritten and cskitColumns only)
     * @param inputs the objects (read by every other engine); may be null for handWritten and cskitColumns
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
            case "cskitColumns":
                return new CskitColumnsEngine(portfolio, RuleSet.playbooks(), batch, firings);
            case "easyRules":
                return EasyRulesEngine.objects(inputs, batch, firings);
            case "drools":
                return DroolsEngine.objects(inputs, batch, firings, DroolsEngine.Mode.REUSED);
            case "droolsStateless":
                return DroolsEngine.objects(inputs, batch, firings, DroolsEngine.Mode.STATELESS);
            case "droolsBatch":
                return DroolsEngine.objects(inputs, batch, firings, DroolsEngine.Mode.BATCH);
            case "handWritten":
                return new HandWritten(portfolio, batch, firings);
            default:
                throw new IllegalArgumentException("unknown engine " + name);
        }
    }
}
