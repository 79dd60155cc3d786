package org.cskit.cli.ravenstack;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.Contract;
import org.cskit.model.EngagementModel;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Money;
import org.cskit.model.Segment;
import org.cskit.model.Signal;
import org.cskit.model.SignalFamily;
import org.cskit.model.SignalId;
import org.cskit.model.ValidationException;
import org.cskit.cli.input.CsvFile;
import org.cskit.cli.input.InputException;

/**
 * RavenStack-shaped data read into cskit's model: accounts with their contracts as of any day, and
 * every account's signals. RavenStack is a synthetic B2B SaaS data set by River @ Rivalytics
 * (shipped in {@code cs-cli/src/main/resources/data/ravenstack-saas}); any folder with the same
 * four files and the {@linkplain #ACCOUNT_COLUMNS required columns} can be read. Other columns are
 * ignored (usage and ticket ids too: RavenStack repeats some usage ids, so signals are named by file
 * and line); churn events are not read (they are the outcome, not a signal). Every file is checked
 * whole when read: a problem is an {@link InputException} naming the file, the line and the cell.
 * Immutable once read and thread-safe.
 *
 * <p>How the tables become the model, as of a day D:
 * <ul>
 *   <li>An account is in the portfolio on D if it signed up by D and has a subscription active on D
 *       ({@code start_date <= D < end_date}, a blank end date is still active).
 *   <li>Segment: the account's {@code plan_tier} (Enterprise is high touch, Pro scaled, any other tier
 *       tech touch); {@code industry}, and {@code country} and {@code referral_source} where present,
 *       are attributes.
 *   <li>Contract: ARR is the sum of {@code arr_amount} over the subscriptions active on D, in USD (the
 *       data names no currency); it starts when the account's first subscription started; it renews
 *       on the next anniversary after D of the start of the largest active subscription (by ARR, then
 *       earliest start), whether it is billed annually or monthly: monthly billing is how the
 *       customer pays, not a renewal decision each month (which made "renewal in 1 day" plays for
 *       every red account every month); the term is 12 months and the auto-renewal that
 *       subscription's.
 *   <li>Lifecycle stage, from the contract: onboarding for the first {@value #ONBOARDING_DAYS} days,
 *       adoption until day {@value #ADOPTION_DAYS}, renewal window in the last
 *       {@value #RENEWAL_WINDOW_DAYS} days before the renewal, else steady state.
 *   <li>No stakeholders, success plans or account team: the data has none.
 * </ul>
 *
 * <p>Signals, each observed at the start (UTC) of its day: from feature usage, {@value #FEATURE_USES}
 * ({@code usage_count}), {@value #USAGE_HOURS} ({@code usage_duration_secs} / 3600) and
 * {@value #USAGE_ERRORS} ({@code error_count}); from support tickets, on the day submitted,
 * {@value #TICKET} (1), {@value #TICKET_PRIORITY} (low 1, medium 2, high 3, urgent 4),
 * {@value #ESCALATION} (1, escalated tickets only) and {@value #FIRST_RESPONSE} (minutes), and on the
 * day closed (not known before), {@value #RESOLUTION} (hours) and {@value #CSAT} (the satisfaction
 * score, rated tickets only); from subscriptions, on their start day, {@value #UPGRADE} and
 * {@value #DOWNGRADE} (1, flagged subscriptions only).
 */
public final class RavenStack {
    /** The accounts file. */
    public static final String ACCOUNTS = "ravenstack_accounts.csv";
    /** The subscriptions file. */
    public static final String SUBSCRIPTIONS = "ravenstack_subscriptions.csv";
    /** The feature usage file. */
    public static final String USAGE = "ravenstack_feature_usage.csv";
    /** The support tickets file. */
    public static final String TICKETS = "ravenstack_support_tickets.csv";

    /** Columns read from {@value #ACCOUNTS}. */
    public static final List<String> ACCOUNT_COLUMNS = List.of("account_id", "account_name", "industry", "signup_date", "plan_tier");
    /** Columns read from {@value #SUBSCRIPTIONS}. */
    public static final List<String> SUBSCRIPTION_COLUMNS = List.of("subscription_id", "account_id", "start_date", "end_date",
            "arr_amount", "billing_frequency", "upgrade_flag", "downgrade_flag", "auto_renew_flag");
    /** Columns read from {@value #USAGE}. */
    public static final List<String> USAGE_COLUMNS = List.of("subscription_id", "usage_date", "usage_count",
            "usage_duration_secs", "error_count");
    /** Columns read from {@value #TICKETS}. */
    public static final List<String> TICKET_COLUMNS = List.of("account_id", "submitted_at", "closed_at",
            "resolution_time_hours", "priority", "first_response_time_minutes", "satisfaction_score", "escalation_flag");

    /** Signal: uses of product features in a day's usage row (count). */
    public static final String FEATURE_USES = "feature_uses";
    /** Signal: hours of use in a usage row. */
    public static final String USAGE_HOURS = "usage_hours";
    /** Signal: errors in a usage row (count). */
    public static final String USAGE_ERRORS = "usage_errors";
    /** Signal: a support ticket was opened (1). */
    public static final String TICKET = "ticket";
    /** Signal: a ticket's priority, low 1 to urgent 4. */
    public static final String TICKET_PRIORITY = "ticket_priority";
    /** Signal: a ticket was escalated (1). */
    public static final String ESCALATION = "escalation";
    /** Signal: minutes to a ticket's first response. */
    public static final String FIRST_RESPONSE = "first_response_minutes";
    /** Signal: hours to resolve a ticket, on the day it closed. */
    public static final String RESOLUTION = "resolution_hours";
    /** Signal: a closed ticket's satisfaction score. */
    public static final String CSAT = "csat";
    /** Signal: a subscription started as an upgrade (1). */
    public static final String UPGRADE = "upgrade";
    /** Signal: a subscription started as a downgrade (1). */
    public static final String DOWNGRADE = "downgrade";

    /** Every signal the files become, by name. */
    public static final List<String> SIGNALS = List.of(FEATURE_USES, USAGE_HOURS, USAGE_ERRORS, TICKET, TICKET_PRIORITY, ESCALATION,
            FIRST_RESPONSE, RESOLUTION, CSAT, UPGRADE, DOWNGRADE);

    /** Days after the contract's start that count as onboarding. */
    public static final int ONBOARDING_DAYS = 30;
    /** Days after the contract's start that count as adoption (after onboarding). */
    public static final int ADOPTION_DAYS = 90;
    /** Days before an annual renewal that count as the renewal window. */
    public static final int RENEWAL_WINDOW_DAYS = 90;

    private static final List<String> PRIORITIES = List.of("low", "medium", "high", "urgent");
    private static final List<String> BILLING = List.of("monthly", "annual");
    private static final Comparator<Signal> BY_TIME_THEN_ID = Comparator.comparing(Signal::observedAt).thenComparing(Signal::id);

    /** One row of the accounts file. */
    private record AccountRow(AccountId id, String name, Segment segment, Map<String, String> attributes, LocalDate signup) {}

    /** One row of the subscriptions file. */
    private record Subscription(String id, LocalDate start, LocalDate end, BigDecimal arr, boolean monthly, boolean autoRenew) {
        boolean activeOn(LocalDate day) {
            return !start.isAfter(day) && (end == null || end.isAfter(day));
        }

        /** The first renewal after the day: a whole number of years after the start, whatever the billing. */
        LocalDate renewalAfter(LocalDate day) {
            int term = 12;
            long terms = Math.max(1, ChronoUnit.MONTHS.between(start, day) / term);
            LocalDate next = start.plusMonths(terms * term);
            while (!next.isAfter(day)) {
                terms++;
                next = start.plusMonths(terms * term);
            }
            return next;
        }
    }

    /**
     * How many rows each file had, and the days they span.
     *
     * @param accounts rows of {@value #ACCOUNTS}
     * @param subscriptions rows of {@value #SUBSCRIPTIONS}
     * @param usage rows of {@value #USAGE}
     * @param tickets rows of {@value #TICKETS}
     * @param signals signals made from them
     * @param first the earliest day any row is dated (signup, subscription start or end, usage, ticket submitted)
     * @param last the latest such day
     * @param beforeSignup usage and ticket rows dated before their account signed up (kept: they are data)
     */
    public record Counts(int accounts, int subscriptions, int usage, int tickets, int signals, LocalDate first, LocalDate last,
            int beforeSignup) {}

    private final Path dir;
    private final Map<AccountId, AccountRow> accounts;
    private final Map<AccountId, List<Subscription>> subscriptions;
    private final Map<AccountId, List<Signal>> signals;
    private final Counts counts;

    private RavenStack(Path dir, Map<AccountId, AccountRow> accounts, Map<AccountId, List<Subscription>> subscriptions,
            Map<AccountId, List<Signal>> signals, Counts counts) {
        this.dir = dir;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.signals = signals;
        this.counts = counts;
    }

    /**
     * Reads and checks the four files of a folder.
     *
     * @param dir the folder
     * @param afterEachFile called after each file is read, for progress
     * @return the data
     * @throws InputException naming the file, line and problem, if a file is missing or malformed,
     *     lacks a column, or refers to an account or subscription that does not exist
     */
    public static RavenStack read(Path dir, Runnable afterEachFile) {
        Reader r = new Reader(dir);
        r.accounts(CsvFile.of(dir.resolve(ACCOUNTS)).requireColumns(ACCOUNT_COLUMNS));
        afterEachFile.run();
        r.subscriptions(CsvFile.of(dir.resolve(SUBSCRIPTIONS)).requireColumns(SUBSCRIPTION_COLUMNS));
        afterEachFile.run();
        r.usage(CsvFile.of(dir.resolve(USAGE)).requireColumns(USAGE_COLUMNS));
        afterEachFile.run();
        r.tickets(CsvFile.of(dir.resolve(TICKETS)).requireColumns(TICKET_COLUMNS));
        afterEachFile.run();
        return r.done();
    }

    /**
     * The folder read.
     *
     * @return the folder
     */
    public Path dir() {
        return dir;
    }

    /**
     * What was read.
     *
     * @return the counts and the days covered
     */
    public Counts counts() {
        return counts;
    }

    /**
     * The accounts in the portfolio on a day, with their contracts and stages as of it, in the order of
     * the accounts file.
     *
     * @param day the day
     * @return the accounts that had signed up and had an active subscription on the day
     */
    public List<Account> accountsOn(LocalDate day) {
        List<Account> out = new ArrayList<>();
        for (AccountId id : accounts.keySet()) {
            accountOn(id, day).ifPresent(out::add);
        }
        return out;
    }

    /**
     * Every account of the accounts file, in its order, whether or not it is in the portfolio on a given day.
     *
     * @return the account ids
     */
    public List<AccountId> accountIds() {
        return List.copyOf(accounts.keySet());
    }

    /**
     * One account as of a day, with its contract and stage as of it.
     *
     * @param id the account
     * @param day the day
     * @return the account, or empty if it had not signed up or had no active subscription on the day
     *     (or is not in the data)
     */
    public Optional<Account> accountOn(AccountId id, LocalDate day) {
        AccountRow a = accounts.get(id);
        if (a == null || a.signup().isAfter(day)) {
            return Optional.empty();
        }
        List<Subscription> active = subscriptions.getOrDefault(a.id(), List.of()).stream().filter(s -> s.activeOn(day)).toList();
        if (active.isEmpty()) {
            return Optional.empty();
        }
        Subscription main = active.stream().max(Comparator.comparing(Subscription::arr)
                .thenComparing(Subscription::start, Comparator.reverseOrder()).thenComparing(Subscription::id, Comparator.reverseOrder()))
                .orElseThrow();
        BigDecimal arr = active.stream().map(Subscription::arr).reduce(BigDecimal.ZERO, BigDecimal::add);
        LocalDate start = subscriptions.get(a.id()).stream().map(Subscription::start).min(Comparator.naturalOrder()).orElseThrow();
        Contract contract = Contract.builder().arr(Money.of(arr, "USD")).startDate(start).renewalDate(main.renewalAfter(day))
                .termMonths(12).autoRenew(main.autoRenew()).build();
        return Optional.of(Account.builder().id(a.id()).name(a.name()).segment(a.segment()).attributes(a.attributes())
                .lifecycleStage(stage(contract, day)).contract(contract).build());
    }

    /**
     * An account's signals observed up to a time, oldest first.
     *
     * @param account the account
     * @param asOf the time
     * @return the signals observed at or before it
     */
    public List<Signal> signalsUpTo(AccountId account, Instant asOf) {
        List<Signal> all = signals.getOrDefault(account, List.of());
        int lo = 0;
        int hi = all.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (all.get(mid).observedAt().isAfter(asOf)) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return all.subList(0, lo);
    }

    /**
     * The start of a day, UTC: the as-of time this class uses for a day, so a signal of that day counts.
     *
     * @param day the day
     * @return its first instant
     */
    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static LifecycleStage stage(Contract contract, LocalDate day) {
        long age = contract.daysSinceStart(day);
        if (age < ONBOARDING_DAYS) {
            return LifecycleStage.ONBOARDING;
        }
        if (age < ADOPTION_DAYS) {
            return LifecycleStage.ADOPTION;
        }
        if (contract.termMonths() >= 12 && contract.daysToRenewal(day) <= RENEWAL_WINDOW_DAYS) {
            return LifecycleStage.RENEWAL_WINDOW;
        }
        return LifecycleStage.STEADY_STATE;
    }

    /** Reads the files in order, checking each row and its references. */
    private static final class Reader {
        private final Path dir;
        private final Map<AccountId, AccountRow> accounts = new LinkedHashMap<>();
        private final Map<AccountId, List<Subscription>> subscriptions = new HashMap<>();
        private final Map<String, AccountId> accountOfSubscription = new HashMap<>();
        private final Map<AccountId, List<Signal>> signals = new HashMap<>();
        private int subscriptionRows;
        private int usageRows;
        private int ticketRows;
        private int signalCount;
        private int beforeSignup;
        private LocalDate first = LocalDate.MAX;
        private LocalDate last = LocalDate.MIN;

        Reader(Path dir) {
            this.dir = dir;
        }

        void accounts(CsvFile t) {
            t.forEach(row -> {
                AccountId id = id(row, "account_id");
                if (accounts.containsKey(id)) {
                    throw row.problem("account_id '" + id.value() + "' appears twice");
                }
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("industry", row.text("industry"));
                for (String optional : List.of("country", "referral_source")) {
                    if (!row.optional(optional).isEmpty()) {
                        attributes.put(optional, row.optional(optional));
                    }
                }
                String tier = row.text("plan_tier");
                LocalDate signup = seen(row.date("signup_date"));
                accounts.put(id, model(row, () -> new AccountRow(id, row.text("account_name"), Segment.of(tier, engagement(tier)),
                        attributes, signup)));
            });
        }

        void subscriptions(CsvFile t) {
            subscriptionRows = t.forEach(row -> {
                String id = row.text("subscription_id");
                AccountId account = known(row, "account_id", ACCOUNTS);
                if (accountOfSubscription.putIfAbsent(id, account) != null) {
                    throw row.problem("subscription_id '" + id + "' appears twice");
                }
                LocalDate start = seen(row.date("start_date"));
                LocalDate end = row.optionalDate("end_date").map(this::seen).orElse(null);
                if (end != null && end.isBefore(start)) {
                    throw row.problem("end_date " + end + " is before start_date " + start);
                }
                BigDecimal arr = row.decimal("arr_amount");
                boolean monthly = row.oneOf("billing_frequency", BILLING).equals("monthly");
                subscriptions.computeIfAbsent(account, k -> new ArrayList<>())
                        .add(new Subscription(id, start, end, arr, monthly, row.flag("auto_renew_flag")));
                if (row.flag("upgrade_flag")) {
                    add(row, account, id + "/upgrade", SignalFamily.FINANCIAL, UPGRADE, 1, Signal.COUNT, start, SUBSCRIPTIONS);
                }
                if (row.flag("downgrade_flag")) {
                    add(row, account, id + "/downgrade", SignalFamily.FINANCIAL, DOWNGRADE, 1, Signal.COUNT, start, SUBSCRIPTIONS);
                }
            });
        }

        void usage(CsvFile t) {
            usageRows = t.forEach(row -> {
                String id = "usage:" + row.line();
                String subscription = row.text("subscription_id");
                AccountId account = accountOfSubscription.get(subscription);
                if (account == null) {
                    throw row.problem("subscription_id '" + subscription + "' is not in " + SUBSCRIPTIONS);
                }
                LocalDate day = seen(row.date("usage_date"));
                countBeforeSignup(account, day);
                add(row, account, id + "/uses", SignalFamily.USAGE, FEATURE_USES, row.number("usage_count"), Signal.COUNT, day, USAGE);
                add(row, account, id + "/hours", SignalFamily.USAGE, USAGE_HOURS, row.number("usage_duration_secs") / 3600.0, "hours", day,
                        USAGE);
                add(row, account, id + "/errors", SignalFamily.USAGE, USAGE_ERRORS, row.number("error_count"), Signal.COUNT, day, USAGE);
            });
        }

        void tickets(CsvFile t) {
            ticketRows = t.forEach(row -> {
                String id = "ticket:" + row.line();
                AccountId account = known(row, "account_id", ACCOUNTS);
                LocalDate submitted = seen(row.date("submitted_at"));
                countBeforeSignup(account, submitted);
                Optional<LocalDate> closed = row.optionalDate("closed_at");
                if (closed.isPresent() && closed.get().isBefore(submitted)) {
                    throw row.problem("closed_at " + closed.get() + " is before submitted_at " + submitted);
                }
                int priority = PRIORITIES.indexOf(row.oneOf("priority", PRIORITIES)) + 1;
                add(row, account, id + "/ticket", SignalFamily.SUPPORT, TICKET, 1, Signal.COUNT, submitted, TICKETS);
                add(row, account, id + "/priority", SignalFamily.SUPPORT, TICKET_PRIORITY, priority, "level", submitted, TICKETS);
                if (row.flag("escalation_flag")) {
                    add(row, account, id + "/escalation", SignalFamily.SUPPORT, ESCALATION, 1, Signal.COUNT, submitted, TICKETS);
                }
                OptionalDouble firstResponse = row.optionalNumber("first_response_time_minutes");
                if (firstResponse.isPresent()) {
                    add(row, account, id + "/first-response", SignalFamily.SUPPORT, FIRST_RESPONSE, firstResponse.getAsDouble(), "minutes",
                            submitted, TICKETS);
                }
                OptionalDouble resolution = row.optionalNumber("resolution_time_hours");
                OptionalDouble satisfaction = row.optionalNumber("satisfaction_score");
                if (closed.isPresent() && resolution.isPresent()) {
                    add(row, account, id + "/resolution", SignalFamily.SUPPORT, RESOLUTION, resolution.getAsDouble(), "hours", closed.get(),
                            TICKETS);
                }
                if (closed.isPresent() && satisfaction.isPresent()) {
                    add(row, account, id + "/csat", SignalFamily.SENTIMENT, CSAT, satisfaction.getAsDouble(), "score", closed.get(), TICKETS);
                }
            });
        }

        RavenStack done() {
            if (first.isAfter(last)) {
                throw new InputException(dir + ": no dated rows in " + ACCOUNTS);
            }
            Map<AccountId, List<Signal>> sorted = new HashMap<>();
            signals.forEach((account, list) -> {
                list.sort(BY_TIME_THEN_ID);
                sorted.put(account, Collections.unmodifiableList(list));
            });
            Map<AccountId, List<Subscription>> subs = new HashMap<>();
            subscriptions.forEach((account, list) -> subs.put(account, List.copyOf(list)));
            return new RavenStack(dir, Collections.unmodifiableMap(accounts), subs, sorted, new Counts(accounts.size(), subscriptionRows,
                    usageRows, ticketRows, signalCount, first, last, beforeSignup));
        }

        private LocalDate seen(LocalDate day) {
            if (day.isBefore(first)) {
                first = day;
            }
            if (day.isAfter(last)) {
                last = day;
            }
            return day;
        }

        private void countBeforeSignup(AccountId account, LocalDate day) {
            if (day.isBefore(accounts.get(account).signup())) {
                beforeSignup++;
            }
        }

        private AccountId known(CsvFile.Row row, String column, String file) {
            AccountId id = id(row, column);
            if (!accounts.containsKey(id)) {
                throw row.problem(column + " '" + id.value() + "' is not in " + file);
            }
            return id;
        }

        private void add(CsvFile.Row row, AccountId account, String id, SignalFamily family, String name, double value, String unit,
                LocalDate day, String source) {
            Signal s = model(row, () -> Signal.builder().id(SignalId.of(id)).accountId(account).family(family).name(name).value(value)
                    .unit(unit).observedAt(startOf(day)).source(source).build());
            signals.computeIfAbsent(account, k -> new ArrayList<>()).add(s);
            signalCount++;
        }

        private static AccountId id(CsvFile.Row row, String column) {
            String text = row.text(column);
            return model(row, () -> AccountId.of(text));
        }

        /** Builds a model value, turning a broken model rule into a problem of the row. */
        private static <T> T model(CsvFile.Row row, Supplier<T> build) {
            try {
                return build.get();
            } catch (ValidationException e) {
                throw row.problem(e.getMessage());
            }
        }

        private static EngagementModel engagement(String tier) {
            switch (tier.toLowerCase(Locale.ROOT)) {
                case "enterprise":
                    return EngagementModel.HIGH_TOUCH;
                case "pro":
                    return EngagementModel.SCALED;
                default:
                    return EngagementModel.TECH_TOUCH;
            }
        }
    }
}
