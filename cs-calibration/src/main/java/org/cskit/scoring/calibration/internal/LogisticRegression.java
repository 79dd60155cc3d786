package org.cskit.scoring.calibration.internal;

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least
 * squares) with step halving. The intercept is not penalised. Deterministic: no randomness, no
 * iteration over hash containers. Stateless and thread-safe.
 */
public final class LogisticRegression {
    private LogisticRegression() {}

    /**
     * Fits {@code P(y) = 1 / (1 + exp(-(b0 + sum_j b_j x_j)))} by maximising the log-likelihood
     * minus {@code l2 / 2 * sum_j b_j^2}.
     *
     * @param x the design matrix, {@code x[row][j]}, every row the same length
     * @param y the outcomes
     * @param l2 the penalty, not negative
     * @param maxIterations the most Newton steps
     * @return the coefficients: {@code [b0, b1, ..., bp]}
     */
    public static double[] fit(double[][] x, boolean[] y, double l2, int maxIterations) {
        int n = x.length;
        int p = n == 0 ? 0 : x[0].length;
        int d = p + 1;
        double[] beta = new double[d];
        int positives = 0;
        for (boolean v : y) {
            positives += v ? 1 : 0;
        }
        double rate = (positives + 0.5) / (n + 1.0);
        beta[0] = Math.log(rate / (1 - rate));
        double objective = objective(x, y, beta, l2);
        for (int iter = 0; iter < maxIterations; iter++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int r = 0; r < n; r++) {
                double prob = sigmoid(eta(x[r], beta));
                double residual = (y[r] ? 1.0 : 0.0) - prob;
                double w = Math.max(prob * (1 - prob), 1e-12);
                gradient[0] += residual;
                hessian[0][0] += w;
                for (int j = 0; j < p; j++) {
                    double xj = x[r][j];
                    gradient[j + 1] += residual * xj;
                    hessian[0][j + 1] += w * xj;
                    for (int k = j; k < p; k++) {
                        hessian[j + 1][k + 1] += w * xj * x[r][k];
                    }
                }
            }
            for (int j = 1; j < d; j++) {
                gradient[j] -= l2 * beta[j];
                hessian[j][j] += l2;
                for (int k = 0; k < j; k++) {
                    hessian[j][k] = hessian[k][j];
                }
            }
            // A tiny ridge keeps the solve defined when columns are collinear and l2 is 0.
            for (int j = 0; j < d; j++) {
                hessian[j][j] += 1e-9;
            }
            double[] step = solve(hessian, gradient);
            double scale = 1.0;
            double[] next = new double[d];
            double nextObjective;
            do {
                for (int j = 0; j < d; j++) {
                    next[j] = beta[j] + scale * step[j];
                }
                nextObjective = objective(x, y, next, l2);
                scale /= 2;
            } while (nextObjective < objective - 1e-12 && scale > 1e-6);
            double change = 0.0;
            for (int j = 0; j < d; j++) {
                change = Math.max(change, Math.abs(next[j] - beta[j]));
            }
            beta = next.clone();
            boolean converged = change < 1e-9 || Math.abs(nextObjective - objective) < 1e-10 * (1 + Math.abs(objective));
            objective = nextObjective;
            if (converged) {
                break;
            }
        }
        return beta;
    }

    /**
     * The linear predictor (the log-odds) of one row.
     *
     * @param row the row's values
     * @param beta the coefficients, intercept first
     * @return {@code b0 + sum_j b_j x_j}
     */
    public static double eta(double[] row, double[] beta) {
        double e = beta[0];
        for (int j = 0; j < row.length; j++) {
            e += beta[j + 1] * row[j];
        }
        return e;
    }

    /**
     * The logistic function.
     *
     * @param z the log-odds
     * @return {@code 1 / (1 + exp(-z))}
     */
    public static double sigmoid(double z) {
        return z >= 0 ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z) / (1.0 + Math.exp(z));
    }

    /** Penalised log-likelihood (to maximise). */
    static double objective(double[][] x, boolean[] y, double[] beta, double l2) {
        double ll = 0.0;
        for (int r = 0; r < x.length; r++) {
            double z = eta(x[r], beta);
            // log(sigmoid(z)) and log(1 - sigmoid(z)) without overflow
            double logP = -softplus(-z);
            double logQ = -softplus(z);
            ll += y[r] ? logP : logQ;
        }
        double penalty = 0.0;
        for (int j = 1; j < beta.length; j++) {
            penalty += beta[j] * beta[j];
        }
        return ll - l2 / 2 * penalty;
    }

    private static double softplus(double z) {
        return z > 30 ? z : Math.log1p(Math.exp(z));
    }

    /** Solves a symmetric positive definite system by Cholesky decomposition. */
    static double[] solve(double[][] a, double[] b) {
        int d = b.length;
        double[][] l = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    l[i][i] = Math.sqrt(Math.max(sum, 1e-15));
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * z[k];
            }
            z[i] = sum / l[i][i];
        }
        double[] out = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double sum = z[i];
            for (int k = i + 1; k < d; k++) {
                sum -= l[k][i] * out[k];
            }
            out[i] = sum / l[i][i];
        }
        return out;
    }
}
