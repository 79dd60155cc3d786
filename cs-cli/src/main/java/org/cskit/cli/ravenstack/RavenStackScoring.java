package org.cskit.cli.ravenstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cskit.model.json.CsJson;
import org.cskit.cli.input.InputException;
import org.cskit.cli.input.TextFiles;
import org.cskit.scoring.features.FeatureDefinition;
import org.cskit.scoring.features.FeatureDeriver;
import org.cskit.scoring.features.SnapshotAssembler;

/**
 * What the cskit command scores RavenStack data with, as JSON shipped beside this class: the features
 * derived from its signals ({@value #FEATURES}) and a weighted scorecard over them
 * ({@value #SCORECARD}). Both are plain cskit JSON, the format to copy for one's own.
 */
public final class RavenStackScoring {
    /** The feature definitions, a JSON array of {@link FeatureDefinition}. */
    public static final String FEATURES = "features.json";
    /** The scorecard, a JSON {@link org.cskit.scoring.Scorecard}. */
    public static final String SCORECARD = "scorecard.json";
    /** Where the RavenStack data ships, on the class path. */
    private static final String SHIPPED_FOLDER = "/data/ravenstack-saas/";
    private static final String SHIPPED_DATA = SHIPPED_FOLDER + RavenStack.ACCOUNTS;
    private static final List<String> SHIPPED_FILES = List.of(RavenStack.ACCOUNTS, RavenStack.SUBSCRIPTIONS, RavenStack.USAGE,
            RavenStack.TICKETS, "ravenstack_churn_events.csv");

    private RavenStackScoring() {}

    /**
     * The snapshot assembler: the derived features, then cskit's standard features.
     *
     * @return the assembler
     */
    public static SnapshotAssembler assembler() {
        return SnapshotAssembler.of(FeatureDeriver.of(featureDefinitions()));
    }

    /**
     * The shipped feature definitions.
     *
     * @return the definitions read from {@value #FEATURES}, in order
     */
    public static List<FeatureDefinition> featureDefinitions() {
        return CsJson.create().readList(resource(FEATURES), FeatureDefinition.class);
    }

    /**
     * The scorecard's JSON text.
     *
     * @return the text
     */
    public static String scorecardJson() {
        return resource(SCORECARD);
    }

    /**
     * The folder of the RavenStack data that ships with cskit: the folder on the class path when the
     * command runs from its classes, or, when it runs from its jar, a temporary folder the files are
     * copied into once per run (deleted when the JVM exits).
     *
     * @return the folder
     * @throws InputException if the shipped data is missing or cannot be copied
     */
    public static Path shippedData() {
        URL url = RavenStackScoring.class.getResource(SHIPPED_DATA);
        if (url == null) {
            throw new InputException("the shipped RavenStack data is not on the class path; give --data DIR");
        }
        if ("file".equals(url.getProtocol())) {
            try {
                return Path.of(url.toURI()).getParent();
            } catch (URISyntaxException e) {
                throw new InputException("the shipped RavenStack data is at " + url + ", which is no file path; give --data DIR");
            }
        }
        return Unpacked.DIR;
    }

    /** The shipped files copied out of the jar, once. */
    private static final class Unpacked {
        static final Path DIR = unpack();

        private static Path unpack() {
            try {
                Path dir = Files.createTempDirectory("cskit-ravenstack-");
                dir.toFile().deleteOnExit();
                for (String name : SHIPPED_FILES) {
                    Path file = dir.resolve(name);
                    try (InputStream in = RavenStackScoring.class.getResourceAsStream(SHIPPED_FOLDER + name)) {
                        if (in == null) {
                            throw new InputException("the shipped RavenStack data has no " + name + "; give --data DIR");
                        }
                        Files.copy(in, file);
                    }
                    file.toFile().deleteOnExit();
                }
                return dir;
            } catch (IOException e) {
                throw new InputException("cannot copy the shipped RavenStack data to a temporary folder: " + e.getMessage()
                        + "; give --data DIR");
            }
        }
    }

    private static String resource(String name) {
        return TextFiles.resource(RavenStackScoring.class, name);
    }
}
