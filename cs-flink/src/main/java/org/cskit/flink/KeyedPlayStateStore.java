package org.cskit.flink;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.cskit.flink.internal.StoredPlayState;
import org.cskit.model.AccountId;
import org.cskit.model.Validate;
import org.cskit.playbooks.spi.PlayState;
import org.cskit.playbooks.spi.PlayStateStore;

/**
 * The engine's {@link PlayStateStore} over Flink keyed state: per account (the key) a
 * {@link MapState} from playbook id to its state, checkpointed and restored with the job. Flink
 * scopes keyed state to the key being processed, so the store reaches an account's states only
 * through a {@link KeyScope}: inside a keyed function, {@link KeyScope#currentKeyOnly} accepts
 * the current key and refuses any other; a test harness or a state processor may switch keys.
 *
 * <p>Playbooks no longer in the set the store was built with (the set changed between a savepoint
 * and the restore) are not reported: their states are deleted on the account's next read, and
 * counted in {@link #dropped()}. A new playbook starts empty; a playbook whose definition changed
 * keeps its state, so its open play stays open until the new definition's situation no longer
 * holds; the same rules as the in-memory store's {@code SetChanges.ACCEPT}.
 *
 * <p>Thread-safe in the sense the SPI asks (every method synchronises on the store), although
 * Flink calls a task's function from one thread. A state is written only while there is something
 * to remember (an empty state is deleted), so accounts with nothing to remember have no entry.
 */
public final class KeyedPlayStateStore implements PlayStateStore {
    /** The name of the keyed state, stable across versions so that savepoints restore. */
    public static final String STATE_NAME = "cskit-play-state";

    private final MapState<String, StoredPlayState> states;
    private final KeyScope scope;
    private final Set<String> playbooks;
    private long dropped;

    /** How the store reaches one account's states. */
    @FunctionalInterface
    public interface KeyScope {
        /**
         * Makes the account's keyed state the current one, or checks that it is.
         *
         * @param account the account
         * @throws org.cskit.model.ValidationException if the account's state cannot be reached from here
         */
        void enter(AccountId account);

        /**
         * A scope for a keyed function: only the key being processed.
         *
         * @param currentKey the current key, such as {@code ctx::getCurrentKey}
         * @return the scope
         */
        static KeyScope currentKeyOnly(java.util.function.Supplier<String> currentKey) {
            Objects.requireNonNull(currentKey, "currentKey");
            return account -> {
                String key = currentKey.get();
                if (!account.value().equals(key)) {
                    throw Validate.invalid("account", "account '" + account.value() + "' is not the key being processed ('" + key
                            + "'): keyed state reaches only the current account");
                }
            };
        }
    }

    /**
     * A store over a map state.
     *
     * @param states the keyed map state, from {@link #descriptor()}
     * @param scope how to reach an account's states
     * @param playbooks the ids of the current playbook set; states of others are dropped
     */
    public KeyedPlayStateStore(MapState<String, StoredPlayState> states, KeyScope scope, Set<String> playbooks) {
        this.states = Objects.requireNonNull(states, "states");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.playbooks = Set.copyOf(playbooks);
    }

    /**
     * The descriptor of the keyed state: playbook id to state, both with Flink serializers (no Kryo).
     *
     * @return the descriptor, named {@value #STATE_NAME}
     */
    public static MapStateDescriptor<String, StoredPlayState> descriptor() {
        return new MapStateDescriptor<>(STATE_NAME, Types.STRING, TypeInformation.of(StoredPlayState.class));
    }

    @Override
    public synchronized void read(AccountId[] accounts, int count, StateConsumer into) {
        for (int i = 0; i < count; i++) {
            scope.enter(accounts[i]);
            java.util.List<String> gone = null;
            for (Map.Entry<String, StoredPlayState> e : entries()) {
                if (playbooks.contains(e.getKey())) {
                    into.accept(i, e.getKey(), e.getValue().toPlayState());
                } else {
                    (gone == null ? gone = new java.util.ArrayList<>() : gone).add(e.getKey());
                }
            }
            if (gone != null) {
                for (String id : gone) {
                    remove(id);
                    dropped++;
                }
            }
        }
    }

    @Override
    public synchronized boolean compareAndSet(AccountId account, String playbookId, long expectedVersion, PlayState next) {
        Validate.present("next", next);
        if (next.version() != expectedVersion + 1) {
            throw Validate.invalid("next.version", "next.version must be expectedVersion + 1 = " + (expectedVersion + 1) + ", but was "
                    + next.version());
        }
        scope.enter(account);
        StoredPlayState stored = get(playbookId);
        long version = stored == null ? 0 : stored.version;
        if (version != expectedVersion) {
            return false;
        }
        if (next.isEmpty()) {
            remove(playbookId);
        } else {
            put(playbookId, StoredPlayState.of(next));
        }
        return true;
    }

    /**
     * How many states of playbooks no longer in the set were deleted since the store was made.
     *
     * @return the count
     */
    public synchronized long dropped() {
        return dropped;
    }

    private Iterable<Map.Entry<String, StoredPlayState>> entries() {
        try {
            Iterable<Map.Entry<String, StoredPlayState>> all = states.entries();
            if (all == null) {
                return java.util.List.of();
            }
            java.util.List<Map.Entry<String, StoredPlayState>> copy = new java.util.ArrayList<>();
            all.forEach(e -> copy.add(Map.entry(e.getKey(), e.getValue())));
            return copy;
        } catch (Exception e) {
            throw new StateAccessException("reading the play states", e);
        }
    }

    private StoredPlayState get(String playbookId) {
        try {
            return states.get(playbookId);
        } catch (Exception e) {
            throw new StateAccessException("reading the play state of " + playbookId, e);
        }
    }

    private void put(String playbookId, StoredPlayState state) {
        try {
            states.put(playbookId, state);
        } catch (Exception e) {
            throw new StateAccessException("writing the play state of " + playbookId, e);
        }
    }

    private void remove(String playbookId) {
        try {
            states.remove(playbookId);
        } catch (Exception e) {
            throw new StateAccessException("deleting the play state of " + playbookId, e);
        }
    }
}
