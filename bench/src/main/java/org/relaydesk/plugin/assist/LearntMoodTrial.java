package org.relaydesk.plugin.assist;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Would a model learnt from labelled messages find frustration better than the plugin's rules? An
 * L2-regularised logistic regression over the plugin's own sentence vectors (all-MiniLM-L6-v2), fitted
 * by Newton's method on the labelled sets the rules were written against, with its threshold chosen by
 * five-fold cross-validation on those same sets, then scored once on a set neither saw. A trial for the
 * bench, not what the plugin runs (docs/ai-quality.md says why).
 */
public final class LearntMoodTrial {
    static final double L2 = 0.1;
    private static final int NEWTON_STEPS = 25;
    private static final int FOLDS = 5;

    private LearntMoodTrial() {
    }

    public record Outcome(int trainingMessages, int trainingFrustrated, double threshold, double crossValidatedF1,
            FrustrationQuality.Result test) {
    }

    public static Outcome run(List<String> trainingSets, String testSet) throws IOException {
        MiniLmVectors vectors = new MiniLmVectors();
        List<FrustrationQuality.Labelled> training = new ArrayList<>();
        for (String set : trainingSets) {
            training.addAll(FrustrationQuality.labelled(set));
        }
        double[][] x = features(vectors, training);
        int[] y = training.stream().mapToInt(m -> m.frustrated() ? 1 : 0).toArray();

        // out-of-fold scores for every training message, to choose the threshold without touching the test
        double[] scores = new double[y.length];
        int[] fold = new int[y.length];
        Random random = new Random(1);
        for (int i = 0; i < fold.length; i++) {
            fold[i] = random.nextInt(FOLDS);
        }
        for (int k = 0; k < FOLDS; k++) {
            List<Integer> in = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (fold[i] != k) {
                    in.add(i);
                }
            }
            double[] w = fit(rows(x, in), pick(y, in));
            for (int i = 0; i < y.length; i++) {
                if (fold[i] == k) {
                    scores[i] = score(w, x[i]);
                }
            }
        }
        double bestThreshold = 0;
        double bestF1 = -1;
        for (double t = -4; t <= 4.001; t += 0.1) {
            double f1 = f1(scores, y, t);
            if (f1 > bestF1) {
                bestF1 = f1;
                bestThreshold = t;
            }
        }
        double[] w = fit(x, y);
        List<FrustrationQuality.Labelled> test = FrustrationQuality.labelled(testSet);
        double[][] testX = features(vectors, test);
        List<Boolean> flagged = new ArrayList<>();
        for (double[] message : testX) {
            flagged.add(score(w, message) > bestThreshold);
        }
        return new Outcome(y.length, (int) java.util.Arrays.stream(y).sum(), bestThreshold, bestF1, FrustrationQuality.score(test, flagged));
    }

    private static double[][] features(MiniLmVectors vectors, List<FrustrationQuality.Labelled> messages) {
        double[][] x = new double[messages.size()][];
        for (int i = 0; i < x.length; i++) {
            float[] v = vectors.vector(messages.get(i).text());
            x[i] = new double[v.length + 1];
            for (int j = 0; j < v.length; j++) {
                x[i][j] = v[j];
            }
            x[i][v.length] = 1; // the intercept, not regularised
        }
        return x;
    }

    static double score(double[] w, double[] x) {
        double z = 0;
        for (int j = 0; j < w.length; j++) {
            z += w[j] * x[j];
        }
        return z;
    }

    /** Newton's method on the penalised log-likelihood: a few steps converge on so small a problem. */
    static double[] fit(double[][] x, int[] y) {
        int d = x[0].length;
        double[] w = new double[d];
        for (int step = 0; step < NEWTON_STEPS; step++) {
            double[] gradient = new double[d];
            double[][] hessian = new double[d][d];
            for (int i = 0; i < x.length; i++) {
                double p = 1 / (1 + Math.exp(-score(w, x[i])));
                double r = p - y[i];
                double s = p * (1 - p);
                for (int a = 0; a < d; a++) {
                    gradient[a] += r * x[i][a];
                    double sa = s * x[i][a];
                    for (int b = 0; b <= a; b++) {
                        hessian[a][b] += sa * x[i][b];
                    }
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < a; b++) {
                    hessian[b][a] = hessian[a][b];
                }
                if (a < d - 1) {
                    gradient[a] += L2 * w[a];
                    hessian[a][a] += L2;
                }
            }
            hessian[d - 1][d - 1] += 1e-9;
            double[] delta = solve(hessian, gradient);
            for (int a = 0; a < d; a++) {
                w[a] -= delta[a];
            }
        }
        return w;
    }

    /** Cholesky: the Hessian is symmetric positive definite. */
    static double[] solve(double[][] m, double[] v) {
        int n = v.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = m[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                l[i][j] = i == j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j][j];
            }
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = v[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * z[k];
            }
            z[i] = sum / l[i][i];
        }
        double[] out = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = z[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k][i] * out[k];
            }
            out[i] = sum / l[i][i];
        }
        return out;
    }

    private static double f1(double[] scores, int[] y, double threshold) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < y.length; i++) {
            boolean flagged = scores[i] > threshold;
            if (flagged && y[i] == 1) {
                tp++;
            } else if (flagged) {
                fp++;
            } else if (y[i] == 1) {
                fn++;
            }
        }
        return tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }

    private static double[][] rows(double[][] x, List<Integer> in) {
        return in.stream().map(i -> x[i]).toArray(double[][]::new);
    }

    private static int[] pick(int[] y, List<Integer> in) {
        return in.stream().mapToInt(i -> y[i]).toArray();
    }
}
