package org.cskit.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cskit.model.Contribution;
import org.cskit.model.SuccessVector;
import org.cskit.model.ValidationException;

/**
 * Why an account's score moved between two vectors: the total change, the inputs that moved it and
 * by how many points, largest first, and whether the scorecard itself changed (a new scorecard or
 * version is its own cause, and input deltas across it compare different rules). Immutable and
 * thread-safe.
 *
 * @param delta the change in score, current minus previous
 * @param scorecardChanged whether the two vectors came from different scorecards or versions
 * @param inputs the inputs whose points changed, largest change first; their deltas add up to
 *     {@code delta}
 */
public record ScoreChange(double delta, boolean scorecardChanged, List<InputChange> inputs) {

    /** Changes smaller than this, in points, are floating-point noise and not listed. */
    public static final double NOISE = 1e-9;

    /**
     * Copies the list.
     *
     * @throws NullPointerException if the inputs are null
     */
    public ScoreChange {
        inputs = List.copyOf(inputs);
    }

    /**
     * How one input's contribution changed.
     *
     * @param input the input's name
     * @param group its group
     * @param before its points in the previous vector (0 if it was not there)
     * @param after its points in the current vector (0 if it is not there)
     */
    public record InputChange(String input, String group, double before, double after) {
        /**
         * The change in points.
         *
         * @return {@code after - before}
         */
        public double delta() {
            return after - before;
        }
    }

    /**
     * Explains the change between two vectors of one account.
     *
     * @param previous the earlier vector
     * @param current the later vector
     * @return the explanation
     * @throws ValidationException if the vectors are of different accounts or out of order
     */
    public static ScoreChange explain(SuccessVector previous, SuccessVector current) {
        if (!previous.accountId().equals(current.accountId())) {
            throw new ValidationException("current.accountId", "cannot explain a change from account '"
                    + previous.accountId() + "' to account '" + current.accountId() + "'");
        }
        if (previous.unscored() || current.unscored()) {
            throw new ValidationException(previous.unscored() ? "previous" : "current", "cannot explain a score change of account '"
                    + current.accountId() + "': the " + (previous.unscored() ? "previous" : "current")
                    + " vector is unscored (no input had data), so there is no score to change from or to");
        }
        if (current.asOf().isBefore(previous.asOf())) {
            throw new ValidationException("current.asOf", "current vector asOf " + current.asOf()
                    + " is before previous vector asOf " + previous.asOf());
        }
        Map<String, double[]> points = new LinkedHashMap<>();
        Map<String, String> groups = new LinkedHashMap<>();
        for (Contribution c : previous.contributions()) {
            points.computeIfAbsent(c.input(), k -> new double[2])[0] = c.points();
            groups.put(c.input(), c.group());
        }
        for (Contribution c : current.contributions()) {
            points.computeIfAbsent(c.input(), k -> new double[2])[1] = c.points();
            groups.put(c.input(), c.group());
        }
        List<InputChange> changes = new ArrayList<>();
        points.forEach((input, p) -> {
            if (Math.abs(p[1] - p[0]) > NOISE) {
                changes.add(new InputChange(input, groups.get(input), p[0], p[1]));
            }
        });
        changes.sort(Comparator.comparingDouble((InputChange c) -> -Math.abs(c.delta())).thenComparing(InputChange::input));
        boolean scorecardChanged = !previous.scorecardId().equals(current.scorecardId())
                || previous.scorecardVersion() != current.scorecardVersion();
        return new ScoreChange(current.score() - previous.score(), scorecardChanged, changes);
    }
}
