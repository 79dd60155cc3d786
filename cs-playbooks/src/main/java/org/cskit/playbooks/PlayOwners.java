package org.cskit.playbooks;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cskit.model.Account;
import org.cskit.model.RoleHolder;
import org.cskit.model.Side;
import org.cskit.model.Validate;

/**
 * Resolves the roles a play names to the people of the account who hold them: a task's owner role
 * to a person of the account team (or, for a customer role, of the stakeholders), a message's
 * recipient role to a stakeholder. A role nobody holds, or words that name no role (such as
 * {@code Support lead}), resolve to no one with an explanation, so the host can route the task
 * elsewhere and say why. Stateless and thread-safe.
 */
public final class PlayOwners {
    private PlayOwners() {}

    /**
     * The holders of the roles a play names, one per task and message, in the play's order.
     *
     * @param play the play
     * @param account the play's account
     * @return who holds each role, or why nobody does
     * @throws org.cskit.model.ValidationException if the account is not the play's
     */
    public static List<RoleHolder> of(Play play, Account account) {
        Objects.requireNonNull(play, "play");
        Objects.requireNonNull(account, "account");
        if (!play.accountId().equals(account.id())) {
            throw Validate.invalid("account", "play '" + play.key() + "' is for account '" + play.accountId()
                    + "', not for account '" + account.id() + "'");
        }
        List<RoleHolder> holders = new ArrayList<>();
        for (Play.PlannedAction a : play.actions()) {
            RoleHolder holder = switch (a.action().actionKind()) {
                case TASK -> RoleHolder.resolve(account, ((Action.Task) a.action()).ownerRole());
                case MESSAGE -> RoleHolder.resolve(account, Side.CUSTOMER, ((Action.Message) a.action()).recipientRole());
                case ADD_MILESTONE, SCHEDULE_REVIEW, TAG -> null; // name no role
            };
            if (holder != null) {
                holders.add(holder);
            }
        }
        return List.copyOf(holders);
    }

    /**
     * Tells in words who owns each task and message of a play, one line each, such as
     * {@code CSM: Sam Okafor} or {@code Support lead: nobody ('Support lead' is not a role ...)}.
     *
     * @param play the play
     * @param account the play's account
     * @return the lines
     * @throws org.cskit.model.ValidationException if the account is not the play's
     */
    public static List<String> describe(Play play, Account account) {
        return of(play, account).stream().map(h -> h.role() + ": " + h.name().orElse("nobody (" + h.explanation() + ")")).toList();
    }
}
