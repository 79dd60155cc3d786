package org.cskit.spring.boot;

import java.util.Objects;
import org.cskit.playbooks.engine.EvaluationResult;
import org.cskit.playbooks.engine.PlaybookEngine;
import org.cskit.playbooks.engine.PlaybookInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * The event entry point: an account's event evaluated by the playbooks it starts, with the same
 * engine, store and sink as the nightly run (so one open play per situation holds across both).
 * Call {@link #onEvent} directly, or publish the {@link PlaybookInput} as a Spring application
 * event ({@code publisher.publishEvent(input)}), which {@link #handle} receives on the publishing
 * thread. Thread-safe.
 */
public class PlaybookEvents {
    private static final Logger LOG = LoggerFactory.getLogger(PlaybookEvents.class);

    private final PlaybookEngine engine;

    /** @param engine the engine */
    public PlaybookEvents(PlaybookEngine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /**
     * Evaluates the playbooks an event starts for one account.
     *
     * @param input the account with its event
     * @return what the evaluation did
     * @throws org.cskit.model.ValidationException if the input has no event, or its features follow another schema
     */
    public EvaluationResult onEvent(PlaybookInput input) {
        return engine.onEvent(input);
    }

    /**
     * Receives a published {@link PlaybookInput}; plays the sink did not take are logged at WARN (they
     * are offered again on the next evaluation of the account).
     *
     * @param input the account with its event
     */
    @EventListener
    public void handle(PlaybookInput input) {
        EvaluationResult r = onEvent(input);
        r.failed().forEach(f -> LOG.warn("play {} not taken by the sink: {}", f.play().key(), f.error()));
    }
}
