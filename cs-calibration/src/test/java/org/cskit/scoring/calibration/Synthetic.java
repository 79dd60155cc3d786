package org.cskit.scoring.calibration;

import java.util.SplittableRandom;

/** Seeded synthetic churn histories for the calibration tests. */
final class Synthetic {
    private Synthetic() {}

    /**
     * {@code n} rows: usage (numeric, churn falls as it rises), plan (a/b/c/d, churn differs),
     * tickets (numeric, 10% missing, churn rises), noise (numeric, no signal).
     */
    static TrainingSet set(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] usage = new double[n];
        String[] plan = new String[n];
        double[] tickets = new double[n];
        double[] noise = new double[n];
        boolean[] churned = new boolean[n];
        String[] plans = {"a", "b", "c", "d"};
        double[] planEffect = {1.0, 0.3, -0.2, -1.0};
        for (int i = 0; i < n; i++) {
            usage[i] = Math.floor(random.nextDouble() * 100);
            int p = random.nextInt(4);
            plan[i] = plans[p];
            tickets[i] = random.nextDouble() < 0.1 ? Double.NaN : random.nextInt(10);
            noise[i] = random.nextDouble();
            double logit = -0.5 - 0.04 * (usage[i] - 50) + planEffect[p] + (Double.isNaN(tickets[i]) ? 0.5 : 0.2 * (tickets[i] - 4.5));
            churned[i] = random.nextDouble() < 1 / (1 + Math.exp(-logit));
        }
        if (allSame(churned)) {
            churned[0] = !churned[0];
        }
        return TrainingSet.builder().numeric("usage", usage).categorical("plan", plan).numeric("tickets", tickets).numeric("noise", noise)
                .outcomes(churned).build();
    }

    private static boolean allSame(boolean[] b) {
        for (boolean v : b) {
            if (v != b[0]) {
                return false;
            }
        }
        return true;
    }
}
