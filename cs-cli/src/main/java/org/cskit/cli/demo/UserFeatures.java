package org.cskit.cli.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.cskit.cli.input.InputException;
import org.cskit.cli.input.JsonErrors;
import org.cskit.cli.input.TextFiles;
import org.cskit.model.StandardFeatures;
import org.cskit.model.ValidationException;
import org.cskit.model.json.CsJson;
import org.cskit.model.json.JsonInputException;
import org.cskit.scoring.features.FeatureDefinition;
import org.cskit.scoring.features.FeatureDeriver;
import org.cskit.scoring.features.SnapshotAssembler;

/**
 * The user's own derived features ({@code --features FILE}): a JSON array of cskit's
 * {@link FeatureDefinition}s over the data's signals, derived after the shipped features and before
 * the standard ones, so that the user's playbooks and scorecards read them by name like any other.
 * Each definition must have a new name (not a shipped or standard feature, not twice) and read
 * signals the data has; every problem names the file, the line and the JSON path.
 */
final class UserFeatures {
    private UserFeatures() {}

    /**
     * The snapshot assembler of a source's shipped features and the user's.
     *
     * @param shipped the source's own definitions
     * @param signals the names of the signals the source has
     * @param file the user's JSON array of definitions
     * @return the assembler: the shipped features, the user's, then the standard features
     * @throws InputException naming the file, the line and the JSON path, if the file cannot be
     *     read, is not such an array, or a definition repeats a name or reads a signal the data has not
     */
    static SnapshotAssembler assembler(List<FeatureDefinition> shipped, Set<String> signals, Path file) {
        String source = file.toString();
        String json = TextFiles.read(file);
        List<FeatureDefinition> own;
        try {
            own = CsJson.create().readList(json, FeatureDefinition.class);
        } catch (JsonInputException e) {
            throw JsonErrors.of(source, json, e);
        }
        if (own.isEmpty()) {
            throw JsonErrors.of(source, json, "$", "the array of feature definitions is empty: give at least one, or leave --features out");
        }
        Set<String> taken = new HashSet<>(StandardFeatures.names());
        shipped.forEach(d -> taken.add(d.name()));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < own.size(); i++) {
            FeatureDefinition d = own.get(i);
            if (taken.contains(d.name())) {
                throw JsonErrors.of(source, json, "$[" + i + "].name", "feature '" + d.name()
                        + "' is already a shipped or standard feature; give yours another name");
            }
            if (!seen.add(d.name())) {
                throw JsonErrors.of(source, json, "$[" + i + "].name", "feature '" + d.name() + "' is defined twice");
            }
            checkSignal(source, json, "$[" + i + "].signal", d.signal(), signals);
            if (d.denominator().isPresent()) {
                checkSignal(source, json, "$[" + i + "].denominator", d.denominator().get(), signals);
            }
        }
        List<FeatureDefinition> all = new ArrayList<>(shipped);
        all.addAll(own);
        try {
            return SnapshotAssembler.of(FeatureDeriver.of(all));
        } catch (ValidationException e) {
            throw new InputException(source + ": " + e.getMessage());
        }
    }

    private static void checkSignal(String source, String json, String path, String signal, Set<String> signals) {
        if (!signals.contains(signal)) {
            throw JsonErrors.of(source, json, path, "signal '" + signal + "' is not in the data; its signals are "
                    + String.join(", ", new TreeSet<>(signals)));
        }
    }
}
