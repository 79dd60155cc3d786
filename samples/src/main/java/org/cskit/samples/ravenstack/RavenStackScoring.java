package org.cskit.samples.ravenstack;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.cskit.model.json.CsJson;
import org.cskit.samples.input.InputException;
import org.cskit.samples.input.TextFiles;
import org.cskit.scoring.features.FeatureDefinition;
import org.cskit.scoring.features.FeatureDeriver;
import org.cskit.scoring.features.SnapshotAssembler;

/**
 * What the samples score RavenStack data with, as JSON shipped beside this class: the features
 * derived from its signals ({@value #FEATURES}) and a weighted scorecard over them
 * ({@value #SCORECARD}). Both are plain cskit JSON, the format to copy for one's own.
 */
public final class RavenStackScoring {
    /** The feature definitions, a JSON array of {@link FeatureDefinition}. */
    public static final String FEATURES = "features.json";
    /** The scorecard, a JSON {@link org.cskit.scoring.Scorecard}. */
    public static final String SCORECARD = "scorecard.json";
    /** Where the RavenStack data ships, on the class path. */
    private static final String SHIPPED_DATA = "/data/ravenstack-saas/" + RavenStack.ACCOUNTS;

    private RavenStackScoring() {}

    /**
     * The snapshot assembler: the derived features, then cskit's standard features.
     *
     * @return the assembler
     */
    public static SnapshotAssembler assembler() {
        return SnapshotAssembler.of(FeatureDeriver.of(CsJson.create().readList(resource(FEATURES), FeatureDefinition.class)));
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
     * The folder of the RavenStack data that ships with the samples.
     *
     * @return the folder
     * @throws InputException if the samples run from a jar, where the data is no folder
     */
    public static Path shippedData() {
        URL url = RavenStackScoring.class.getResource(SHIPPED_DATA);
        if (url == null || !"file".equals(url.getProtocol())) {
            throw new InputException("the shipped RavenStack data is not a folder on the class path (" + url + "); give --data DIR");
        }
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new InputException("the shipped RavenStack data is at " + url + ", which is no file path; give --data DIR");
        }
    }

    private static String resource(String name) {
        return TextFiles.resource(RavenStackScoring.class, name);
    }
}
