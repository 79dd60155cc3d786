package org.cskit.flink;

import java.util.Arrays;
import java.util.Objects;
import org.cskit.flink.internal.StoredPlayState;
import org.cskit.flink.internal.VectorHistory;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;

/**
 * What one account's nightly run leaves for the next night: its play states (open plays,
 * cooldowns, limits, per playbook) and its latest vector with the scores its direction reads.
 * {@link CsFlink#nightly(org.apache.flink.streaming.api.datastream.DataStream,
 * org.apache.flink.streaming.api.datastream.DataStream, CsDefinitions, java.time.Instant)} reads
 * yesterday's records and {@link Nightly#state()} writes today's; keep them where the job keeps
 * data between runs (files, a table) and hand them back the next night, as they are or as a line
 * of JSON each ({@link #toJson}, {@link #fromJson}).
 *
 * <p>A Flink POJO (public fields, a public no-argument constructor) of strings, primitives and
 * arrays, serialised by Flink's own serializers, never Kryo. Write the records as they come; their
 * fields are cs-flink's and may change between versions. Not thread-safe.
 *
 * <p>Checked when read back (see {@link CsFlink}): the record's {@link #format} is the one this
 * version of cs-flink writes, the account id is present, one play state per playbook id, no state
 * from a night after the run's as-of time, at most one record per account.
 */
public class AccountState {
    /**
     * The format of the records this version of cs-flink writes, and the only one it reads. A later
     * version that changes what a record means raises it and says how to carry older records over.
     */
    public static final int FORMAT = 1;

    /**
     * The record's format: {@link #FORMAT} in every record a nightly job writes. A record of
     * another format, or one without it (0, such as a JSON line that lacks the property), is
     * refused when read rather than misread.
     */
    public int format;
    /** The account. */
    public String accountId;
    /** The as-of time of the night that wrote the record, epoch milliseconds. */
    public long night;
    /** The playbooks with something to remember, one per entry of {@link #plays}, sorted. */
    public String[] playbookIds;
    /** The play states, one per playbook id. */
    public StoredPlayState[] plays;
    /** The latest vector and the scores within the scorecard's direction lookback, or null before the first score. */
    public VectorHistory vectors;

    private static final java.util.regex.Pattern LINE_BREAK = java.util.regex.Pattern.compile("\\R\\s*");

    /** For Flink's POJO serializer. */
    public AccountState() {}

    /**
     * The record as one line of JSON, for keeping the night's state as text (a line per account,
     * such as a file sink's lines); {@link #fromJson} reads it back.
     *
     * @return the JSON, on one line
     */
    public String toJson() {
        // CsJson indents; a line break in JSON text can only be white space between tokens (never inside a string).
        return LINE_BREAK.matcher(CsJson.create().write(this)).replaceAll("");
    }

    /**
     * Reads a record written by {@link #toJson}.
     *
     * @param json one record's JSON
     * @return the record (its other values are checked when a nightly job reads it)
     * @throws org.cskit.model.json.JsonInputException naming the JSON path of a property that is
     *     unknown or of the wrong type, or {@code $.format} when the record is not of {@link #FORMAT}
     */
    public static AccountState fromJson(String json) {
        AccountState s = CsJson.create().read(json, AccountState.class);
        String problem = formatProblem(s.format);
        if (problem != null) {
            throw new JsonInputException("$.format", problem, "", null);
        }
        return s;
    }

    /** What is wrong with a record of {@code format}, or null when this version reads it. */
    static String formatProblem(int format) {
        if (format == FORMAT) {
            return null;
        }
        if (format == 0) {
            return "the record has no format (0); records written by cs-flink's nightly job carry format " + FORMAT;
        }
        return "format " + format + " is " + (format > FORMAT ? "newer than" : "not") + " the format " + FORMAT
                + " this version of cs-flink reads" + (format > FORMAT ? "; read it with the version that wrote it or a later one" : "");
    }

    /** @return how many play states the record holds */
    public int playStates() {
        return playbookIds == null ? 0 : playbookIds.length;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof AccountState s) || format != s.format || !Objects.equals(accountId, s.accountId) || night != s.night
                || !Arrays.equals(playbookIds, s.playbookIds) || playStates() != s.playStates()) {
            return false;
        }
        for (int i = 0; i < playStates(); i++) {
            if (!StoredPlayState.same(plays[i], s.plays[i])) {
                return false;
            }
        }
        return VectorHistory.same(vectors, s.vectors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(accountId, night) * 31 + Arrays.hashCode(playbookIds);
    }

    @Override
    public String toString() {
        return "AccountState[" + accountId + ", night " + night + ", " + playStates() + " play states" + (vectors == null ? "" : ", scored")
                + "]";
    }
}
