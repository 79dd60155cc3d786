package org.cskit.cli.demo;

import org.cskit.model.ValidationException;
import org.cskit.cli.input.InputException;
import org.cskit.cli.input.JsonErrors;
import org.cskit.scoring.Scorecard;
import org.cskit.scoring.spi.ScoringStrategy;

/**
 * The scoring strategy a command uses, with where its configuration came from, so that a problem
 * found while scoring names the configuration's file and line.
 *
 * @param strategy the strategy
 * @param source where the configuration came from: a file, {@code --strategy-config}, or the shipped scorecard
 * @param json the configuration's text
 */
record Strategy(ScoringStrategy strategy, String source, String json) {

    /**
     * A problem the strategy found with the snapshots, such as an input reading a feature they do not have.
     *
     * @param e the problem; its field is a path into the configuration
     * @return the exception, naming the configuration's line
     */
    InputException problem(ValidationException e) {
        String field = e.field();
        String path = field == null || field.isEmpty() ? "$" : field.startsWith("[") ? "$" + field : "$." + field;
        return JsonErrors.of(source, json, path, e.getMessage());
    }

    /** @return the strategy's name and, for a scorecard, its id and version */
    String describe() {
        Object config = strategy.config();
        if (config instanceof Scorecard card) {
            return strategy.name() + " '" + card.id() + "' v" + card.version();
        }
        return strategy.name();
    }
}
