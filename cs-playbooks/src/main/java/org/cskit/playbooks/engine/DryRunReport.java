package org.cskit.playbooks.engine;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import org.cskit.model.AccountId;

/**
 * What each playbook would have done over past inputs: how many plays, for which accounts, how
 * many closed again and how many firings the repeat policy suppressed. Immutable and thread-safe.
 *
 * @param playbooks one summary per playbook, in the set's order
 * @param cannotFire playbooks whose own tests contradict each other, so that no input can make them
 *     fire, with the reason (such as {@code p1 >= 2 and p1 < 1 cannot both hold}); found when the
 *     engine was built, see {@link PlaybookEngine#cannotFire()}
 */
public record DryRunReport(List<PlaybookSummary> playbooks, java.util.Map<String, String> cannotFire) {

    /** Copies the list and map. */
    public DryRunReport {
        playbooks = List.copyOf(playbooks);
        cannotFire = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cannotFire));
    }

    /**
     * One playbook's rehearsal.
     *
     * @param playbookId the playbook
     * @param plays how many plays it would have made
     * @param accounts the accounts they were for
     * @param closed how many of them closed again
     * @param suppressed how many firings made no play (open play, cooldown, limit, exclusion)
     */
    public record PlaybookSummary(String playbookId, int plays, SortedSet<AccountId> accounts, int closed, int suppressed) {
        /** Copies the set. */
        public PlaybookSummary {
            accounts = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(accounts));
        }
    }

    /** Counts for one playbook while replaying. */
    static final class Tally {
        int plays;
        int closed;
        int suppressed;
        final Set<AccountId> accounts = new HashSet<>();

        void play(org.cskit.playbooks.spi.PlayHandle play) {
            plays++;
            accounts.add(play.accountId());
        }
    }
}
