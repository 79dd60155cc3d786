package org.cskit.run;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.cskit.model.Validate;
import org.cskit.playbooks.engine.BatchResult;
import org.cskit.playbooks.spi.EvaluationReport.Suppression;

/**
 * What a {@link NightlyRun} did: how many accounts, the plays made and closed per playbook, the
 * plays the repeat policies suppressed per playbook and reason, what the sink did not take, and
 * where the time went.
 * Immutable.
 *
 * @param accounts accounts evaluated
 * @param slices slices the portfolio was cut into
 * @param created plays delivered to the sink (new, offered again, reminders)
 * @param closed open plays closed because their situation cleared
 * @param suppressed plays that fired but were not made (already open, cooling down, over their
 *     limit, excluded, waiting for a close notification), over every playbook; per playbook and
 *     reason in {@link PlaybookCounts#suppressed()}, over every playbook per reason in
 *     {@link #suppressed(Suppression)}
 * @param playbooks per playbook, in the set's order: plays made, of them reminders, plays closed, and
 *     firings suppressed by reason
 * @param failed how many plays (and close notifications) the sink did not take; they are offered again
 *     the next night
 * @param failures the first {@value NightlyReport#MAX_FAILURES} of them, each with its portfolio row
 * @param stages time per stage, summed over the run's threads
 * @param stagesCpu CPU time per stage, summed over the run's threads (what the stages cost on a
 *     machine busy with other work, where their elapsed time also counts the waits for a processor);
 *     all zero where the JVM does not measure threads' CPU time
 * @param wall the run's wall time, from the first check to the last slice
 */
public record NightlyReport(long accounts, int slices, long created, long closed, long suppressed, List<PlaybookCounts> playbooks,
        long failed, List<BatchResult.Failure> failures, Stages stages, Stages stagesCpu, Duration wall) {
    /** How many sink failures a report lists (all are counted). */
    public static final int MAX_FAILURES = 100;

    /** Checks and copies. */
    public NightlyReport {
        playbooks = List.copyOf(Validate.present("playbooks", playbooks));
        failures = List.copyOf(Validate.present("failures", failures));
        Validate.present("stages", stages);
        Validate.present("stagesCpu", stagesCpu);
        Validate.present("wall", wall);
    }

    /**
     * The firings suppressed for one reason, over every playbook.
     *
     * @param reason why they were not made
     * @return how many
     */
    public long suppressed(Suppression reason) {
        Validate.present("reason", reason);
        return playbooks.stream().mapToLong(p -> p.suppressed(reason)).sum();
    }

    /**
     * One playbook's plays tonight.
     *
     * @param playbookId the playbook
     * @param created plays the sink took
     * @param reminders of those, reminders of a play still open
     * @param closed plays closed because their situation cleared
     * @param suppressed firings that made no play, by why (the reasons with none are left out), in the
     *     order of {@link Suppression}
     */
    public record PlaybookCounts(String playbookId, long created, long reminders, long closed, Map<Suppression, Long> suppressed) {
        /** Checks and copies. */
        public PlaybookCounts {
            Validate.present("playbookId", playbookId);
            Map<Suppression, Long> by = new EnumMap<>(Suppression.class);
            Validate.present("suppressed", suppressed).forEach((reason, count) -> {
                Validate.present("suppressed's reason", reason);
                if (count == null || count < 1) {
                    throw Validate.invalid("suppressed." + reason, "suppressed." + reason + " must be at least 1 (leave out a reason with "
                            + "none), but was " + count);
                }
                by.put(reason, count);
            });
            suppressed = Collections.unmodifiableMap(by);
        }

        /**
         * @param reason why
         * @return the playbook's firings suppressed for that reason
         */
        public long suppressed(Suppression reason) {
            return suppressed.getOrDefault(Validate.present("reason", reason), 0L);
        }

        /** @return the playbook's suppressed firings, over every reason */
        public long suppressedTotal() {
            return suppressed.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Time per stage, summed over the threads that ran the slices (so on two threads their sum is
     * up to twice the wall time).
     *
     * @param signals reading each slice's signals from the {@link SignalSource}
     * @param facts reading each slice's account facts from the source, copying its rows of the score history into the
     *     thread's columns, and its facts, codes and yesterday's vectors too where the slice is a view into a larger batch
     * @param derive deriving the features from the signals
     * @param score scoring (and copying today's vectors out)
     * @param playbooks running the playbooks against the state, the sink included
     */
    public record Stages(Duration signals, Duration facts, Duration derive, Duration score, Duration playbooks) {
        /** Checks. */
        public Stages {
            Validate.present("signals", signals);
            Validate.present("facts", facts);
            Validate.present("derive", derive);
            Validate.present("score", score);
            Validate.present("playbooks", playbooks);
        }

        /** @return the stages' sum */
        public Duration total() {
            return signals.plus(facts).plus(derive).plus(score).plus(playbooks);
        }
    }
}
