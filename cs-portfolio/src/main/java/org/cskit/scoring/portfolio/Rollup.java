package org.cskit.scoring.portfolio;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collector;
import java.util.stream.Stream;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.Band;
import org.cskit.model.Money;
import org.cskit.model.SuccessVector;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * Scores rolled up from the accounts of a group of companies to its parent account
 * ({@link Account#parentId()}). Each account belongs to the group of its parent, or to its own
 * group when it has no parent (so a parent's own score counts in its group, beside its
 * subsidiaries'). One level: a subsidiary of a subsidiary rolls up to its direct parent; roll the
 * result up again for deeper trees. Per group: the accounts, their total ARR, the riskiest band
 * (lowest rank, then label) and the score by the chosen {@link Method}. Mergeable and order
 * independent. Immutable and thread-safe.
 */
public final class Rollup {
    /** How a group's score is made from its accounts' scores. */
    public enum Method {
        /** Σ score × ARR / Σ ARR; the plain mean when the group's ARR is 0. */
        ARR_WEIGHTED,
        /** The lowest score: the group is as healthy as its weakest account. */
        WORST,
        /** The plain mean of the scores. */
        MEAN
    }

    /**
     * One account's score and ARR: the input of a {@link Rollup}.
     *
     * @param account the account, which gives its id, parent and ARR
     * @param vector its vector
     */
    public record Member(Account account, SuccessVector vector) {
        /**
         * Checks the member.
         *
         * @throws ValidationException if a part is null, the vector is another account's or unscored
         */
        public Member {
            Validate.present("account", account);
            Validate.present("vector", vector);
            if (!vector.accountId().equals(account.id())) {
                throw Validate.invalid("vector.accountId", "vector.accountId '" + vector.accountId() + "' does not match account '"
                        + account.id() + "'");
            }
            if (vector.unscored()) {
                throw Validate.invalid("vector", "vector of account '" + account.id() + "' is unscored (no input had data): "
                        + "a roll-up weighs scores, so leave unscored accounts out");
            }
        }
    }

    /**
     * One group's rolled-up figures.
     *
     * @param accounts the accounts in the group
     * @param arr their total ARR
     * @param score the group's score by the method
     * @param worstBand the riskiest band among them
     */
    public record Group(long accounts, Money arr, double score, Band worstBand) {}

    /** Running sums of one group: exact ARR, Σ score × ARR, Σ score, minimum score, riskiest band. */
    private static final class Sums {
        long accounts;
        BigDecimal arr = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        BigDecimal scores = BigDecimal.ZERO;
        double min = Double.POSITIVE_INFINITY;
        Band worst;

        Sums add(Sums o) {
            accounts += o.accounts;
            arr = arr.add(o.arr);
            weighted = weighted.add(o.weighted);
            scores = scores.add(o.scores);
            min = Math.min(min, o.min);
            worst = worst == null || SegmentDistribution.BAND_ORDER.compare(o.worst, worst) < 0 ? o.worst : worst;
            return this;
        }
    }

    private final Method method;
    private final Currency currency;
    private final SortedMap<AccountId, Sums> groups;

    private Rollup(Method method, Currency currency, SortedMap<AccountId, Sums> groups) {
        this.method = method;
        this.currency = currency;
        this.groups = groups;
    }

    /**
     * Rolls up a stream of accounts, reading it once.
     *
     * @param method how a group's score is made
     * @param currency the currency of every contract
     * @param members the accounts with their vectors, each once
     * @return the roll-up
     * @throws ValidationException naming the account if its ARR is in another currency
     */
    public static Rollup of(Method method, Currency currency, Stream<Member> members) {
        return members.collect(collector(method, currency));
    }

    /**
     * A collector that rolls up accounts; it may run in parallel.
     *
     * @param method how a group's score is made
     * @param currency the currency of every contract
     * @return the collector
     */
    public static Collector<Member, ?, Rollup> collector(Method method, Currency currency) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(currency, "currency");
        return Collector.of(() -> new Rollup(method, currency, new TreeMap<>()), Rollup::add, Rollup::mergeInto, r -> r,
                Collector.Characteristics.UNORDERED);
    }

    private void add(Member m) {
        Money arr = m.account().contract().arr();
        if (!arr.currency().equals(currency)) {
            throw Validate.invalid("contract.arr", "account '" + m.account().id() + "': contract.arr " + arr
                    + " is not in the roll-up's currency " + currency.getCurrencyCode() + ": cskit never converts");
        }
        Sums one = new Sums();
        one.accounts = 1;
        one.arr = arr.amount();
        BigDecimal score = BigDecimal.valueOf(m.vector().score());
        one.weighted = score.multiply(arr.amount());
        one.scores = score;
        one.min = m.vector().score();
        one.worst = m.vector().band();
        groups.merge(m.account().parentId().orElse(m.account().id()), one, Sums::add);
    }

    private Rollup mergeInto(Rollup other) {
        if (other.method != method || !other.currency.equals(currency)) {
            throw Validate.invalid("method", "cannot combine a " + method + " roll-up in " + currency.getCurrencyCode() + " with a "
                    + other.method + " roll-up in " + other.currency.getCurrencyCode());
        }
        other.groups.forEach((id, s) -> groups.merge(id, new Sums().add(s), Sums::add));
        return this;
    }

    /**
     * Combines this roll-up with one over other accounts, by the same method and in the same currency.
     *
     * @param other a roll-up over other accounts
     * @return the roll-up over both
     * @throws ValidationException if the methods or currencies differ
     */
    public Rollup combine(Rollup other) {
        return new Rollup(method, currency, new TreeMap<>()).mergeInto(this).mergeInto(other);
    }

    /**
     * The group of a parent (or of an account without a parent).
     *
     * @param parent the group's account
     * @return its figures, or empty if no account is in the group
     */
    public Optional<Group> group(AccountId parent) {
        return Optional.ofNullable(groups.get(parent)).map(this::figures);
    }

    /**
     * Every group, by account id.
     *
     * @return the groups; unmodifiable
     */
    public SortedMap<AccountId, Group> groups() {
        SortedMap<AccountId, Group> out = new TreeMap<>();
        groups.forEach((id, s) -> out.put(id, figures(s)));
        return Collections.unmodifiableSortedMap(out);
    }

    private Group figures(Sums s) {
        BigDecimal mean = s.scores.divide(BigDecimal.valueOf(s.accounts), Ratios.CONTEXT);
        double score = switch (method) {
            case WORST -> s.min;
            case MEAN -> mean.doubleValue();
            case ARR_WEIGHTED -> Ratios.of(s.weighted, s.arr).orElse(mean).doubleValue();
        };
        return new Group(s.accounts, new Money(s.arr, currency), score, s.worst);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rollup r && method == r.method && currency.equals(r.currency) && groups().equals(r.groups());
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, currency, groups());
    }

    @Override
    public String toString() {
        return "Rollup{" + method + ", " + groups() + "}";
    }
}
