package org.cskit.playbooks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cskit.model.AccountId;
import org.cskit.model.ValidationException;
import org.cskit.playbooks.BuiltInPlaybooks;
import org.cskit.playbooks.Playbook;
import org.cskit.playbooks.engine.InMemoryPlayStateStore.SetChanges;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayState.Status;
import org.junit.jupiter.api.Test;

/**
 * Restores from snapshots written here by hand in the documented format: states stripe by stripe
 * (as the store writes them: its buckets are built at once) and in any other order (as another
 * writer may: taken one by one), and a repeated state in either, which must fail whole.
 */
class InMemoryPlayStateStoreRestoreTest {
    private static final List<Playbook> PLAYBOOKS = BuiltInPlaybooks.all().subList(0, 3);
    private static final int ACCOUNTS = 5_000;

    /** One state of the hand-written snapshot. */
    private record Entry(String account, int playbook, PlayState state) {}

    @Test
    void restore_statesInAnyOrder_readBackTheSameAndTakeWrites() throws IOException {
        List<Entry> entries = entries(new Random(7));
        Map<String, PlayState> expected = new HashMap<>();
        for (Entry e : entries) {
            expected.put(e.account() + "|" + PLAYBOOKS.get(e.playbook()).id(), e.state());
        }
        List<Entry> byStripe = new ArrayList<>(entries);
        byStripe.sort((a, b) -> Long.compareUnsigned(fp(a) >>> 56, fp(b) >>> 56));
        List<Entry> shuffled = new ArrayList<>(entries);
        Collections.shuffle(shuffled, new Random(8));
        List<Entry> half = new ArrayList<>(byStripe.subList(0, byStripe.size() / 2)); // grouped, then the rest in any order
        List<Entry> rest = new ArrayList<>(byStripe.subList(byStripe.size() / 2, byStripe.size()));
        Collections.shuffle(rest, new Random(9));
        half.addAll(rest);

        for (List<Entry> order : List.of(byStripe, shuffled, half)) {
            InMemoryPlayStateStore store = InMemoryPlayStateStore.restore(new ByteArrayInputStream(snapshot(order)), PLAYBOOKS,
                    SetChanges.REJECT).store();
            assertThat(store.size()).isEqualTo(entries.size());
            assertThat(readAll(store)).isEqualTo(expected);

            // the restored buckets take writes, splits and deletes like any others
            Map<String, PlayState> model = new HashMap<>(expected);
            Random random = new Random(10);
            for (int op = 0; op < 20_000; op++) {
                String account = "acc-" + random.nextInt(ACCOUNTS * 2);
                Playbook p = PLAYBOOKS.get(random.nextInt(PLAYBOOKS.size()));
                String key = account + "|" + p.id();
                long version = model.containsKey(key) ? model.get(key).version() : 0;
                PlayState next = random.nextInt(3) == 0 ? PlayState.EMPTY.withVersion(version + 1)
                        : new PlayState(version + 1, Status.OPEN, op, 10_000 + op, 10_000 + op, new long[0]);
                assertThat(store.compareAndSet(AccountId.of(account), p.id(), version, next)).isTrue();
                if (next.isEmpty()) {
                    model.remove(key);
                } else {
                    model.put(key, next);
                }
            }
            assertThat(readAll(store, ACCOUNTS * 2)).isEqualTo(model);
            assertThat(store.size()).isEqualTo(model.size());
        }
    }

    @Test
    void restore_aRepeatedState_failsNamingIt_groupedOrNot() throws IOException {
        List<Entry> entries = entries(new Random(11));
        entries.sort((a, b) -> Long.compareUnsigned(fp(a) >>> 56, fp(b) >>> 56));
        Entry first = entries.get(0);
        List<Entry> grouped = new ArrayList<>(entries);
        grouped.add(1, new Entry(first.account(), first.playbook(), first.state().withVersion(9))); // in its stripe's run
        List<Entry> later = new ArrayList<>(entries);
        later.add(new Entry(first.account(), first.playbook(), first.state())); // after the other stripes

        assertThatThrownBy(() -> InMemoryPlayStateStore.restore(new ByteArrayInputStream(snapshot(grouped)), PLAYBOOKS, SetChanges.REJECT))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("state 1 repeats an account and playbook: the stream is corrupt");
        assertThatThrownBy(() -> InMemoryPlayStateStore.restore(new ByteArrayInputStream(snapshot(later)), PLAYBOOKS, SetChanges.REJECT))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("state " + entries.size() + " repeats an account and playbook: the stream is corrupt");
    }

    /** Every account of {@code acc-0..acc-4999} with states of a random subset of the playbooks, of every kind the format has. */
    private static List<Entry> entries(Random random) {
        List<Entry> entries = new ArrayList<>();
        for (int a = 0; a < ACCOUNTS; a++) {
            for (int p = 0; p < PLAYBOOKS.size(); p++) {
                if (random.nextInt(3) != 0) {
                    continue;
                }
                long t = 1_700_000_000L + random.nextInt(1_000_000);
                PlayState state = switch (random.nextInt(4)) {
                    case 0 -> new PlayState(1 + random.nextInt(300), Status.OFFERED, random.nextInt(), t, PlayState.NEVER, new long[0]);
                    case 1 -> new PlayState(2, Status.OPEN, 0, t, t, new long[0]);
                    case 2 -> new PlayState(3, Status.OPEN, 17, t, t + 86_400, new long[] {t - 5, t});
                    default -> new PlayState(4, Status.NONE, 0, PlayState.NEVER, t, new long[] {t});
                };
                entries.add(new Entry("acc-" + a, p, state));
            }
        }
        return entries;
    }

    private static long fp(Entry e) {
        return AccountId.of(e.account()).fingerprint();
    }

    /** A snapshot of format 1 with the entries in the given order (the format of the store's Javadoc, written independently). */
    private static byte[] snapshot(List<Entry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write("CSKITPS1".getBytes(StandardCharsets.US_ASCII));
        out.writeInt(1);
        out.writeInt(PLAYBOOKS.size());
        for (Playbook p : PLAYBOOKS) {
            byte[] id = p.id().getBytes(StandardCharsets.UTF_8);
            out.writeShort(id.length);
            out.write(id);
            out.writeInt(p.version());
        }
        out.writeLong(entries.size());
        for (Entry e : entries) {
            PlayState s = e.state();
            int status = s.status().ordinal();
            boolean ownLast = status == 0 ? s.lastPlay() != PlayState.NEVER : s.lastPlay() != s.offeredAt();
            out.writeLong(fp(e));
            out.writeShort(e.playbook());
            out.writeByte(status | (ownLast ? 4 : 0) | (s.situation() != 0 ? 8 : 0) | (s.recentCount() > 0 ? 16 : 0));
            varint(out, (int) s.version());
            if (status != 0) {
                out.writeInt((int) s.offeredAt());
            }
            if (ownLast) {
                out.writeInt(s.lastPlay() == PlayState.NEVER ? -1 : (int) s.lastPlay());
            }
            if (s.situation() != 0) {
                out.writeInt((int) s.situation());
            }
            if (s.recentCount() > 0) {
                varint(out, s.recentCount());
                for (long t : s.recent()) {
                    out.writeInt((int) t);
                }
            }
        }
        out.flush();
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(bytes.toByteArray());
        out.writeLong(crc.getValue());
        return bytes.toByteArray();
    }

    private static void varint(DataOutputStream out, int v) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte(v & 0x7F | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    private static Map<String, PlayState> readAll(InMemoryPlayStateStore store) {
        return readAll(store, ACCOUNTS);
    }

    private static Map<String, PlayState> readAll(InMemoryPlayStateStore store, int accounts) {
        return InMemoryPlayStateStoreModelTest.readAll(store, accounts);
    }
}
