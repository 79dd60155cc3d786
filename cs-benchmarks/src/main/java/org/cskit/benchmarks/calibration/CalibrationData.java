package org.cskit.benchmarks.calibration;

import java.util.SplittableRandom;
import org.cskit.scoring.calibration.TrainingSet;

/**
 * A seeded labelled set for the calibration benchmarks: {@code rows} accounts, 16 numeric and 4
 * categorical inputs, 5% of the numeric cells missing. Churn log-odds are a sum of curved
 * effects (a U shape, a threshold, a saturating trend), two interactions (a numeric pair and a
 * numeric-by-category pair) and noise inputs, so both a linear and an additive fit have something
 * to find.
 */
public final class CalibrationData {
    /** Numeric inputs. */
    public static final int NUMERIC = 16;
    /** Categorical inputs. */
    public static final int CATEGORICAL = 4;

    private CalibrationData() {}

    /**
     * Makes the set.
     *
     * @param rows the number of rows
     * @param seed the seed
     * @return the set
     */
    public static TrainingSet generate(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[NUMERIC][rows];
        String[][] c = new String[CATEGORICAL][rows];
        boolean[] churned = new boolean[rows];
        String[] plans = {"basic", "pro", "enterprise"};
        String[] regions = {"north", "south", "east", "west", "central"};
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < NUMERIC; j++) {
                x[j][r] = random.nextGaussian();
            }
            c[0][r] = plans[random.nextInt(plans.length)];
            c[1][r] = regions[random.nextInt(regions.length)];
            c[2][r] = random.nextInt(10) < 3 ? "monthly" : "annual";
            c[3][r] = "segment-" + random.nextInt(8);
            double logit = -1.5
                    + 0.8 * x[0][r] * x[0][r] - 0.8           // U shape
                    + (x[1][r] > 0.5 ? 1.0 : 0.0)            // threshold
                    - 1.2 * Math.tanh(x[2][r])               // saturating
                    + 0.5 * x[3][r]                          // linear
                    + 0.9 * x[4][r] * x[5][r]                // numeric interaction
                    + (c[2][r].equals("monthly") ? 0.8 * (1 + x[6][r]) : 0.0) // category-by-number interaction
                    + (c[0][r].equals("basic") ? 0.5 : c[0][r].equals("enterprise") ? -0.5 : 0.0);
            churned[r] = random.nextDouble() < 1.0 / (1.0 + Math.exp(-logit));
            for (int j = 0; j < NUMERIC; j++) {
                if (random.nextInt(20) == 0) {
                    x[j][r] = Double.NaN;
                }
            }
        }
        TrainingSet.Builder b = TrainingSet.builder().outcomes(churned);
        for (int j = 0; j < NUMERIC; j++) {
            b.numeric("x" + j, x[j]);
        }
        String[] names = {"plan", "region", "billing", "segment"};
        for (int j = 0; j < CATEGORICAL; j++) {
            b.categorical(names[j], c[j]);
        }
        return b.build();
    }
}
