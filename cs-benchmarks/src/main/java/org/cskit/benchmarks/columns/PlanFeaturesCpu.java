package org.cskit.benchmarks.columns;

import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cskit.datagen.PortfolioGenerator;
import org.cskit.model.Account;
import org.cskit.model.FeatureSchema;
import org.cskit.model.Features;
import org.cskit.model.StandardFeatures;
import org.cskit.model.columns.FeatureColumns;
import org.cskit.model.columns.PlanColumns;

/**
 * <pre>{@code
 *   mvn -B -q -pl cs-benchmarks -am package -DskipTests
 *   java -Xmx3g -cp cs-benchmarks/target/benchmarks.jar org.cskit.benchmarks.columns.PlanFeaturesCpu 20000 200
 * }</pre>
 * <p>
 * The plan features of {@code accounts} generated accounts as of 2025-09-01, written into feature
 * columns two ways, alternated {@code rounds} times: {@code objects} is today's edge,
 * {@link StandardFeatures#write} per account into a {@link Features.Builder}, copied into the columns
 * (as cs-cli's {@code columns} command and the nightly benchmark do); {@code columns} is
 * {@link PlanColumns#writeFeatures} over the accounts read once into {@link PlanColumns} (the reading is
 * timed once, apart). Keeps each one's smallest thread CPU time after the first fifth (robust to a
 * loaded machine) and the bytes each allocates per account, and refuses to print unless both wrote
 * the same bits. Also prints the heap the plan columns take. Prints one line.
 */
public final class PlanFeaturesCpu {
    private static final LocalDate DAY = LocalDate.of(2025, 9, 1);

    private PlanFeaturesCpu() {}

    /**
     * Runs the comparison.
     *
     * @param args the number of accounts and of rounds
     */
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        com.sun.management.ThreadMXBean cpu = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        PortfolioGenerator generator = PortfolioGenerator.builder().seed(42).accounts(n).start(LocalDate.of(2025, 1, 1)).months(24).build();
        List<Account> accounts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            accounts.add(generator.account(i).account());
        }
        FeatureSchema schema = FeatureSchema.of(StandardFeatures.names());
        long heapBefore = used();
        long t0 = cpu.getCurrentThreadCpuTime();
        PlanColumns plans = PlanColumns.of(accounts);
        long readNs = cpu.getCurrentThreadCpuTime() - t0;
        long heapBytes = used() - heapBefore;
        FeatureColumns byObjects = FeatureColumns.allocate(schema, n);
        FeatureColumns byColumns = FeatureColumns.allocate(schema, n);
        int[] index = new int[PlanColumns.featureNames().size()];
        for (int k = 0; k < index.length; k++) {
            index[k] = schema.indexOf(PlanColumns.featureNames().get(k));
        }
        long bestO = Long.MAX_VALUE;
        long bestC = Long.MAX_VALUE;
        long bytesO = 0;
        long bytesC = 0;
        int measured = 0;
        for (int round = 0; round < rounds; round++) {
            long a0 = cpu.getThreadAllocatedBytes(self);
            long c0 = cpu.getCurrentThreadCpuTime();
            for (int r = 0; r < n; r++) {
                Features.Builder b = Features.builder(schema);
                StandardFeatures.write(accounts.get(r), DAY, b);
                Features f = b.build();
                for (int k : index) {
                    byObjects.doubles(k)[r] = f.valueAt(k);
                    byObjects.observations(k)[r] = f.observationsAt(k);
                }
            }
            long c1 = cpu.getCurrentThreadCpuTime();
            long a1 = cpu.getThreadAllocatedBytes(self);
            plans.writeFeatures(DAY, byColumns, 0);
            long c2 = cpu.getCurrentThreadCpuTime();
            long a2 = cpu.getThreadAllocatedBytes(self);
            if (round >= rounds / 5) {
                bestO = Math.min(bestO, c1 - c0);
                bestC = Math.min(bestC, c2 - c1);
                bytesO += a1 - a0;
                bytesC += a2 - a1;
                measured++;
            }
        }
        for (int k : index) {
            for (int r = 0; r < n; r++) {
                if (Double.doubleToLongBits(byObjects.value(k, r)) != Double.doubleToLongBits(byColumns.value(k, r))
                        || byObjects.observations(k, r) != byColumns.observations(k, r)) {
                    throw new IllegalStateException("the two paths disagree on " + schema.names().get(k) + " of account " + r + ": "
                            + byObjects.value(k, r) + " against " + byColumns.value(k, r) + "; the run is invalid");
                }
            }
        }
        System.out.printf(Locale.ROOT, "plan features, %d accounts, min thread CPU of %d alternating passes: objects %.0f ns/account "
                + "(%.0f B), columns %.0f ns/account (%.3f B), objects/columns %.1fx; reading the accounts into PlanColumns %.0f ns/account "
                + "once; PlanColumns heap %.1f bytes/account (%s)%n", n, rounds, (double) bestO / n, (double) bytesO / measured / n,
                (double) bestC / n, (double) bytesC / measured / n, (double) bestO / bestC, (double) readNs / n, (double) heapBytes / n, plans);
    }

    private static long used() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
