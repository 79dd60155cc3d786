package org.cskit.benchmarks.playbooks;

import java.util.Arrays;
import java.util.List;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.PlaybookInput;

/**
 * <pre>
 * mvn -B -q -pl cs-benchmarks -am package -DskipTests
 * java -cp cs-benchmarks/target/benchmarks.jar org.cskit.benchmarks.playbooks.ObserverCost [rounds]
 * </pre>
 *
 * <p>The price of an {@link org.cskit.playbooks.spi.EngineListener}, paired: the same 50 rules of
 * {@link PlaybookEngineBenchmark} over the same batches of 10,000 accounts, once without a listener
 * and once with {@link CountingListener}, alternating which goes first, round after round in one
 * JVM, so that a machine whose load changes (other builds) weighs on both alike. Each round times
 * one batch per mode after a fresh store (as the JMH benchmark resets before each batch). Prints,
 * per path and fire rate, the median time per account of each mode over the rounds, and the median
 * of the rounds' ratios (observed / plain), with its quartiles.
 */
public final class ObserverCost {
    private static final int BATCH = PlaybookEngineBenchmark.BATCH;

    private ObserverCost() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        List<Playbook> rules = RuleSet.playbooks();
        for (String rate : new String[] {"dense", "sparse"}) {
            Portfolio p = Portfolio.generate(20 * BATCH, rate, 42);
            Firings firings = new Firings(false);
            compare("columns", rate, rounds, new CskitColumnsEngine(p, rules, BATCH, firings),
                    new CskitColumnsEngine(p, rules, BATCH, firings).observed(new CountingListener()), p.size);
            PlaybookInput[] inputs = p.inputs();
            compare("objects", rate, rounds, CskitEngine.counting(inputs, rules, firings),
                    CskitEngine.counting(inputs, rules, firings).observed(new CountingListener()), p.size);
        }
    }

    private static void compare(String path, String rate, int rounds, Engine plain, Engine observed, int size) {
        int batches = size / BATCH;
        int warmup = Math.max(10, rounds / 3);
        double[] a = new double[rounds];
        double[] b = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = -warmup; r < rounds; r++) {
            int base = Math.floorMod(r, batches) * BATCH;
            boolean plainFirst = (r & 1) == 0;
            double first = time(plainFirst ? plain : observed, base);
            double second = time(plainFirst ? observed : plain, base);
            if (r >= 0) {
                a[r] = plainFirst ? first : second;
                b[r] = plainFirst ? second : first;
                ratio[r] = b[r] / a[r];
            }
        }
        System.out.printf("%-8s %-6s plain %8.1f ns/account  observed %8.1f ns/account  ratio median %.3f [q1 %.3f, q3 %.3f] over %d rounds%n",
                path, rate, median(a), median(b), median(ratio), quantile(ratio, 0.25), quantile(ratio, 0.75), rounds);
    }

    private static double time(Engine engine, int base) {
        engine.reset(base);
        long start = System.nanoTime();
        engine.evaluate(base, base + BATCH);
        return (System.nanoTime() - start) / (double) BATCH;
    }

    private static double median(double[] v) {
        return quantile(v, 0.5);
    }

    private static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[(int) Math.round(q * (s.length - 1))];
    }
}
