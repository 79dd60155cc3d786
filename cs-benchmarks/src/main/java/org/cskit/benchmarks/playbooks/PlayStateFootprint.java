package org.cskit.benchmarks.playbooks;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.cskit.model.AccountId;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.InMemoryPlayStateStore;
import org.cskit.playbooks.spi.PlayState;

/**
 * The in-memory play state store's heap and its snapshot and restore times, for N accounts and the
 * twelve built-in playbooks at the generated demo's fire rates:
 *
 * <pre>
 * java -cp cs-benchmarks/target/benchmarks.jar org.cskit.benchmarks.playbooks.PlayStateFootprint 10000000 [16]
 * </pre>
 *
 * <p>Rates: {@code samples playbooks --generated 5000 --seed 42} made 6,243 plays for 5,000
 * accounts (4,299 of them with at least one) with the twelve built-ins of issue 11's statement,
 * per playbook as in {@link #DEMO_PLAYS} (7 of the 12 fire); with the sixteen built-ins since
 * (second argument {@code 16}) it makes 9,421, the same plus {@link #PLAN_REVIEW_DUE}'s. Each play is
 * one open state, drawn independently per account and playbook. Every
 * state is written through {@code compareAndSet}, as the engine writes it (offered, then open), so
 * the table grows as it does in a nightly run. Heap is measured after full collections, before
 * and after filling the store (after it, both before and after {@link InMemoryPlayStateStore#trim},
 * which the nightly run calls at the end of its playbooks stage: the store a host holds after a
 * night is the trimmed one), and again once only the restored store is left. The snapshot goes
 * to a temporary file and is restored from it; its and the restore's times are given by the clock
 * and by the thread's CPU time (the one to read on a loaded machine).
 */
public final class PlayStateFootprint {
    /** Plays per 5,000 generated accounts, per built-in playbook id, from the demo run named above. */
    static final String[][] DEMO_PLAYS = {
        {"low-adoption", "1243"}, {"support-spike", "278"}, {"renewal-at-risk", "503"}, {"expansion-ready", "307"},
        {"first-value-overdue", "852"}, {"no-success-plan", "1822"}, {"target-near-no-next-phase", "1238"},
    };

    /** Plays of {@code plan-review-due} per 5,000 generated accounts, with the sixteen built-ins. */
    static final String[] PLAN_REVIEW_DUE = {"plan-review-due", "3178"};

    private PlayStateFootprint() {}

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        List<Playbook> playbooks = BuiltInPlaybooks.all();
        List<String[]> rates = new java.util.ArrayList<>(List.of(DEMO_PLAYS));
        if (args.length > 1 && args[1].equals("16")) {
            rates.add(PLAN_REVIEW_DUE);
        }
        long before = usedHeap();
        InMemoryPlayStateStore store = new InMemoryPlayStateStore();
        SplittableRandom r = new SplittableRandom(42);
        long now = 1_751_328_000L; // 2025-07-01T00:00:00Z
        long states = 0;
        for (int i = 0; i < n; i++) {
            AccountId account = AccountId.of(String.format(Locale.ROOT, "acc-%08d", i));
            for (String[] rate : rates) {
                if (r.nextInt(5000) < Integer.parseInt(rate[1])) {
                    PlayState offered = new PlayState(1, PlayState.Status.OFFERED, 0, now, PlayState.NEVER, new long[0]);
                    store.compareAndSet(account, rate[0], 0, offered);
                    store.compareAndSet(account, rate[0], 1, new PlayState(2, PlayState.Status.OPEN, 0, now, now, new long[0]));
                    states++;
                }
            }
        }
        long grown = usedHeap();
        java.lang.management.ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        long trimWall = System.nanoTime(), trimCpu = cpu.getCurrentThreadCpuTime();
        long freed = store.trim(); // as the nightly run does at the end of its playbooks stage
        trimWall = System.nanoTime() - trimWall;
        trimCpu = cpu.getCurrentThreadCpuTime() - trimCpu;
        long after = usedHeap();
        System.out.printf(Locale.ROOT, "grown: store heap %.1f MB before its trim; trim gave back %.1f MB in %.2f s (thread CPU %.2f s)%n",
                (grown - before) / 1e6, freed / 1e6, trimWall / 1e9, trimCpu / 1e9);
        System.out.printf(Locale.ROOT, "%,d accounts x %d playbooks (%d firing): %,d states; store heap %.1f MB (%.1f B per state, %.1f B per account)%n",
                n, playbooks.size(), rates.size(), states, (after - before) / 1e6, (after - before) / (double) states, (after - before) / (double) n);
        Path file = Files.createTempFile("cskit-state", ".bin");
        try {
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long t0 = System.nanoTime(), c0 = threads.getCurrentThreadCpuTime();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
                store.snapshot(out, playbooks);
            }
            long t1 = System.nanoTime(), c1 = threads.getCurrentThreadCpuTime();
            InMemoryPlayStateStore.Restored restored;
            try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
                restored = InMemoryPlayStateStore.restore(in, playbooks, InMemoryPlayStateStore.SetChanges.REJECT);
            }
            long t2 = System.nanoTime(), c2 = threads.getCurrentThreadCpuTime();
            System.out.printf(Locale.ROOT, "snapshot %,d bytes in %.2f s (thread CPU %.2f s); restore %,d states in %.2f s (thread CPU %.2f s)%n",
                    Files.size(file), (t1 - t0) / 1e9, (c1 - c0) / 1e9, restored.states(), (t2 - t1) / 1e9, (c2 - c1) / 1e9);
            java.lang.ref.Reference.reachabilityFence(store);
            store = null;
            long restoredHeap = usedHeap();
            System.out.printf(Locale.ROOT, "restored store heap %.1f MB (%.1f B per state)%n", (restoredHeap - before) / 1e6,
                    (restoredHeap - before) / (double) restored.states());
            java.lang.ref.Reference.reachabilityFence(restored);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
