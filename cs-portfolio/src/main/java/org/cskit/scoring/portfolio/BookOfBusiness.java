package org.cskit.scoring.portfolio;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collector;
import java.util.stream.Stream;
import org.cskit.model.Account;
import org.cskit.model.Money;
import org.cskit.model.SuccessVector;
import org.cskit.model.TeamMember;
import org.cskit.model.Validate;
import org.cskit.model.ValidationException;

/**
 * Each customer success manager's book of business as of a day: their accounts, the ARR of those
 * accounts' contracts, how many are at risk and how many plays are open on them. An account belongs
 * to its {@link Account#customerSuccessManager() CSM}, identified by person id and name together
 * (so that hosts whose person ids are only unique within an account still get one book per
 * person); accounts without one are in the {@link #UNASSIGNED} book. An account is at risk when its
 * vector's band is one of the risk bands. Mergeable and order independent like
 * {@link RetentionReport}. Immutable and thread-safe.
 */
public final class BookOfBusiness {
    /** The book of the accounts without a CSM. */
    public static final Owner UNASSIGNED = new Owner("(no CSM)", "");
    private static final Comparator<Owner> ORDER = Comparator.comparing((Owner o) -> o.equals(UNASSIGNED))
            .thenComparing(Owner::name).thenComparing(Owner::id);

    /**
     * Whose book it is.
     *
     * @param name the CSM's name
     * @param id the CSM's person id; empty for {@link #UNASSIGNED}
     */
    public record Owner(String name, String id) {
        /**
         * Checks the owner.
         *
         * @throws ValidationException if a part is null
         */
        public Owner {
            Validate.present("name", name);
            Validate.present("id", id);
        }

        static Owner of(Optional<TeamMember> csm) {
            return csm.map(m -> new Owner(m.name(), m.id().value())).orElse(UNASSIGNED);
        }
    }

    /**
     * One account in a book: the input of {@link BookOfBusiness}.
     *
     * @param account the account as of the day
     * @param vector its vector on the day, if it was scored
     * @param openPlays the plays open on it
     */
    public record Holding(Account account, Optional<SuccessVector> vector, int openPlays) {
        /**
         * Checks the holding.
         *
         * @throws ValidationException if a part is null, the vector is another account's or the plays are negative
         */
        public Holding {
            Validate.present("account", account);
            Validate.present("vector", vector);
            if (vector.isPresent() && !vector.get().accountId().equals(account.id())) {
                throw Validate.invalid("vector.accountId", "vector.accountId '" + vector.get().accountId()
                        + "' does not match account '" + account.id() + "'");
            }
            Validate.atLeast("openPlays", openPlays, 0);
        }
    }

    /**
     * One CSM's book.
     *
     * @param accounts the accounts
     * @param arr the sum of their contracts' ARR
     * @param atRisk the accounts in a risk band
     * @param openPlays the plays open on them
     */
    public record Book(long accounts, Money arr, long atRisk, long openPlays) {
        Book plus(Book other) {
            return new Book(accounts + other.accounts, arr.plus(other.arr), atRisk + other.atRisk, openPlays + other.openPlays);
        }
    }

    private final Currency currency;
    private final SortedMap<Owner, Book> books;

    private BookOfBusiness(Currency currency, SortedMap<Owner, Book> books) {
        this.currency = currency;
        this.books = books;
    }

    /**
     * Computes the books over a stream of holdings, reading it once.
     *
     * @param currency the currency of every contract
     * @param riskBands the labels of the bands that put an account at risk, such as {@code red}
     * @param holdings the accounts, each once
     * @return the books
     * @throws ValidationException naming the account if its ARR is in another currency
     */
    public static BookOfBusiness of(Currency currency, Set<String> riskBands, Stream<Holding> holdings) {
        return holdings.collect(collector(currency, riskBands));
    }

    /**
     * A collector that computes the books; it may run in parallel.
     *
     * @param currency the currency of every contract
     * @param riskBands the labels of the bands that put an account at risk
     * @return the collector
     */
    public static Collector<Holding, ?, BookOfBusiness> collector(Currency currency, Set<String> riskBands) {
        Objects.requireNonNull(currency, "currency");
        Set<String> risk = Set.copyOf(riskBands);
        return Collector.<Holding, BookOfBusiness, BookOfBusiness>of(() -> new BookOfBusiness(currency, new TreeMap<>(ORDER)),
                (b, h) -> b.add(h, risk), BookOfBusiness::mergeInto, b -> b.frozen(), Collector.Characteristics.UNORDERED);
    }

    private void add(Holding h, Set<String> riskBands) {
        Money arr = h.account().contract().arr();
        if (!arr.currency().equals(currency)) {
            throw Validate.invalid("contract.arr", "account '" + h.account().id() + "': contract.arr " + arr
                    + " is not in the book's currency " + currency.getCurrencyCode() + ": cskit never converts");
        }
        boolean atRisk = h.vector().map(v -> riskBands.contains(v.band().label())).orElse(false);
        books.merge(Owner.of(h.account().customerSuccessManager()), new Book(1, arr, atRisk ? 1 : 0, h.openPlays()), Book::plus);
    }

    private BookOfBusiness mergeInto(BookOfBusiness other) {
        Currencies.requireSame("books", currency, other.currency);
        other.books.forEach((owner, book) -> books.merge(owner, book, Book::plus));
        return this;
    }

    private BookOfBusiness frozen() {
        return new BookOfBusiness(currency, Collections.unmodifiableSortedMap(new TreeMap<>(books)));
    }

    /**
     * Combines these books with those over other accounts in the same currency.
     *
     * @param other books over other accounts
     * @return the books over both
     * @throws ValidationException if the currencies differ
     */
    public BookOfBusiness combine(BookOfBusiness other) {
        return new BookOfBusiness(currency, new TreeMap<>(ORDER)).mergeInto(this).mergeInto(other).frozen();
    }

    /**
     * The books, by CSM name then id, the {@link #UNASSIGNED} book last.
     *
     * @return the books; unmodifiable
     */
    public SortedMap<Owner, Book> books() {
        return books;
    }

    /**
     * The CSMs with a book, leaving out {@link #UNASSIGNED}.
     *
     * @return the count
     */
    public long managers() {
        return books.keySet().stream().filter(o -> !o.equals(UNASSIGNED)).count();
    }

    /**
     * The mean number of accounts per CSM, over the accounts that have one.
     *
     * @return assigned accounts / CSMs, or empty without a CSM
     */
    public Optional<BigDecimal> accountsPerManager() {
        long assigned = books.entrySet().stream().filter(e -> !e.getKey().equals(UNASSIGNED)).mapToLong(e -> e.getValue().accounts()).sum();
        return Ratios.of(assigned, managers());
    }

    /**
     * The mean ARR per CSM, over the accounts that have one.
     *
     * @return assigned ARR / CSMs, or empty without a CSM
     */
    public Optional<Money> arrPerManager() {
        BigDecimal assigned = books.entrySet().stream().filter(e -> !e.getKey().equals(UNASSIGNED))
                .map(e -> e.getValue().arr().amount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        return Ratios.of(assigned, BigDecimal.valueOf(managers())).map(a -> new Money(a, currency));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BookOfBusiness b && currency.equals(b.currency) && books.equals(b.books);
    }

    @Override
    public int hashCode() {
        return Objects.hash(currency, books);
    }

    @Override
    public String toString() {
        return "BookOfBusiness{" + books + "}";
    }
}
