package org.cskit.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who holds a role on an account: a role as people write it (an {@link AccountTeamRole} or a
 * {@link StakeholderRole} by name in any case, with spaces or underscores, or one of the
 * abbreviations {@code CSM}, {@code AE} and {@code SE}) resolved to a person of the account team
 * or of the customer's stakeholders. A role nobody holds, or a role that is neither, resolves to
 * no one, and {@link #explanation()} says which. Immutable and thread-safe.
 *
 * <p>Without a side, a role resolves on the vendor's side when it names an account-team role
 * (so {@code Executive sponsor} is the vendor's: tasks are the vendor's work), else on the
 * customer's. The first person in the account's order who holds the role is chosen.
 *
 * @param role the role as written
 * @param side the side the role was found on, if it names a role
 * @param person the person holding it, if anyone does
 * @param name that person's name
 * @param explanation in words: who holds it, or why nobody does
 */
public record RoleHolder(String role, Optional<Side> side, Optional<PersonId> person, Optional<String> name, String explanation) {
    private static final Map<String, String> ABBREVIATIONS = Map.of("CSM", "CUSTOMER_SUCCESS_MANAGER", "AE", "ACCOUNT_EXECUTIVE",
            "SE", "SOLUTIONS_ENGINEER");

    /**
     * Checks the components.
     *
     * @throws ValidationException if a component is missing, or a person is given without a side and a name
     */
    public RoleHolder {
        Validate.present("role", role);
        Validate.present("side", side);
        Validate.present("person", person);
        Validate.present("name", name);
        Validate.nonBlank("explanation", explanation);
        if (person.isPresent() && (side.isEmpty() || name.isEmpty())) {
            throw Validate.invalid("person", "role holder '" + person.get() + "' needs a side and a name");
        }
    }

    /**
     * Tells whether someone holds the role.
     *
     * @return true if a person was found
     */
    public boolean isHeld() {
        return person.isPresent();
    }

    /**
     * Resolves a role on an account: on the vendor's side if it names an account-team role, else
     * on the customer's.
     *
     * @param account the account
     * @param role the role as written, such as {@code CSM} or {@code Executive sponsor}
     * @return who holds it, or why nobody does
     */
    public static RoleHolder resolve(Account account, String role) {
        Objects.requireNonNull(account, "account");
        Optional<AccountTeamRole> vendor = vendorRole(role);
        return vendor.isPresent() ? resolve(account, Side.VENDOR, role) : resolve(account, Side.CUSTOMER, role);
    }

    /**
     * Resolves a role on one side of an account.
     *
     * @param account the account
     * @param side the side to look on
     * @param role the role as written
     * @return who holds it, or why nobody does
     */
    public static RoleHolder resolve(Account account, Side side, String role) {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(role, "role");
        if (side == Side.VENDOR) {
            Optional<AccountTeamRole> r = vendorRole(role);
            if (r.isEmpty()) {
                return nobody(role, Optional.empty(), "'" + role + "' is not a " + rolesOf(Side.VENDOR));
            }
            return account.accountTeam().stream().filter(m -> m.role() == r.get()).findFirst()
                    .map(m -> new RoleHolder(role, Optional.of(side), Optional.of(m.id()), Optional.of(m.name()),
                            m.name() + " holds " + r.get() + " on the account team"))
                    .orElseGet(() -> nobody(role, Optional.of(side), "nobody on the account team of '" + account.id() + "' holds " + r.get()));
        }
        Optional<StakeholderRole> r = customerRole(role);
        if (r.isEmpty()) {
            return nobody(role, Optional.empty(), "'" + role + "' is not a " + rolesOf(Side.CUSTOMER));
        }
        return account.stakeholders().stream().filter(s -> s.hasRole(r.get())).findFirst()
                .map(s -> new RoleHolder(role, Optional.of(side), Optional.of(s.id()), Optional.of(s.name()),
                        s.name() + " holds " + r.get() + " at the customer"))
                .orElseGet(() -> nobody(role, Optional.of(side), "no stakeholder of '" + account.id() + "' holds " + r.get()));
    }

    private static RoleHolder nobody(String role, Optional<Side> side, String why) {
        return new RoleHolder(role, side, Optional.empty(), Optional.empty(), why);
    }

    private static String normalise(String role) {
        String n = role.trim().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        return ABBREVIATIONS.getOrDefault(n, n);
    }

    /** Tells whether a role, written as {@link #resolve(Account, Side, String)} takes it, is one of a side's. */
    static boolean isRoleOf(Side side, String role) {
        return side == Side.VENDOR ? vendorRole(role).isPresent() : customerRole(role).isPresent();
    }

    /** Names a side's roles for a message: {@code role of the account team [...]}. */
    static String rolesOf(Side side) {
        return side == Side.VENDOR ? "role of the account team " + Arrays.toString(AccountTeamRole.values())
                : "role of the customer's stakeholders " + Arrays.toString(StakeholderRole.values());
    }

    static Optional<AccountTeamRole> vendorRole(String role) {
        return named(AccountTeamRole.class, role);
    }

    static Optional<StakeholderRole> customerRole(String role) {
        return named(StakeholderRole.class, role);
    }

    private static <E extends Enum<E>> Optional<E> named(Class<E> roles, String role) {
        String n = normalise(role);
        return Arrays.stream(roles.getEnumConstants()).filter(r -> r.name().equals(n)).findFirst();
    }
}
