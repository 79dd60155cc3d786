package org.cskit.cli.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.Signal;
import org.cskit.model.SurveyKind;
import org.cskit.cli.input.CsvFile;
import org.cskit.scoring.portfolio.AccountRevenue;
import org.cskit.scoring.portfolio.ReportingPeriod;
import org.cskit.scoring.portfolio.ValueRates;
import org.cskit.cli.ravenstack.RavenStack;
import org.cskit.cli.ravenstack.RavenStackScoring;
import org.cskit.scoring.WeightedScorecard;
import org.cskit.scoring.features.FeatureDefinition;
import org.cskit.scoring.features.FeatureDeriver;
import org.cskit.scoring.features.SnapshotAssembler;

/** RavenStack-format CSV files as a {@link PortfolioSource}: the shipped RavenStack data or a folder given with {@code --data}. */
final class RavenStackSource implements PortfolioSource {
    private static final List<FeatureDefinition> ASSEMBLER_DEFINITIONS = RavenStackScoring.featureDefinitions();
    private static final SnapshotAssembler ASSEMBLER = SnapshotAssembler.of(FeatureDeriver.of(ASSEMBLER_DEFINITIONS));

    /** The churn events file, read for the reasons of lost revenue when the folder has it. */
    static final String CHURN_EVENTS = "ravenstack_churn_events.csv";
    private static final Pattern REASON_CODE = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    private static final NavigableMap<LocalDate, String> EMPTY = new TreeMap<>();

    private final RavenStack data;
    private final SnapshotAssembler assembler;
    private final boolean shipped;
    private final List<AccountId> ids;
    private volatile Map<AccountId, Integer> indices; // made on first use
    /** Per account, its churn events' reason codes by churn date (the last of the file's rows on one date). */
    private final Map<AccountId, NavigableMap<LocalDate, String>> reasons;
    private final boolean hasChurnEvents;

    private RavenStackSource(RavenStack data, SnapshotAssembler assembler, boolean shipped,
            Optional<Map<AccountId, NavigableMap<LocalDate, String>>> reasons) {
        this.data = data;
        this.assembler = assembler;
        this.shipped = shipped;
        this.ids = data.accountIds();
        this.reasons = reasons.orElse(Map.of());
        this.hasChurnEvents = reasons.isPresent();
    }

    /**
     * Reads a folder.
     *
     * @param dir the folder, or null for the data shipped with cskit
     * @param progress reports each file read
     * @param assembler the features to derive: {@link #assembler(Path)}
     * @return the source
     * @throws org.cskit.cli.input.InputException if a file is missing or malformed
     */
    static RavenStackSource read(Path dir, Progress progress, SnapshotAssembler assembler) {
        Path folder = dir == null ? RavenStackScoring.shippedData() : dir;
        Path churnEvents = folder.resolve(CHURN_EVENTS);
        boolean withReasons = Files.isRegularFile(churnEvents);
        progress.start("loading", withReasons ? 5 : 4);
        RavenStack d = RavenStack.read(folder, () -> progress.advance(1));
        Optional<Map<AccountId, NavigableMap<LocalDate, String>>> reasons = Optional.empty();
        if (withReasons) {
            reasons = Optional.of(readReasons(CsvFile.of(churnEvents).requireColumns(List.of("account_id", "churn_date", "reason_code")), d));
            progress.advance(1);
        }
        progress.finish();
        return new RavenStackSource(d, assembler, dir == null, reasons);
    }

    /** Reads the churn events' reason codes, checking that each names a known account and is a code. */
    private static Map<AccountId, NavigableMap<LocalDate, String>> readReasons(CsvFile events, RavenStack d) {
        java.util.Set<AccountId> known = new java.util.HashSet<>(d.accountIds());
        Map<AccountId, NavigableMap<LocalDate, String>> out = new HashMap<>();
        events.forEach(row -> {
            AccountId id = AccountId.of(row.text("account_id"));
            if (!known.contains(id)) {
                throw row.problem("account_id '" + id + "' is not in " + RavenStack.ACCOUNTS);
            }
            String code = row.text("reason_code");
            if (!REASON_CODE.matcher(code).matches()) {
                throw row.problem("reason_code must be a code of lower-case letters, digits, '-' and '_' starting with a letter or "
                        + "digit, such as 'budget', but was '" + code + "'");
            }
            out.computeIfAbsent(id, k -> new TreeMap<>()).put(row.date("churn_date"), code);
        });
        return out;
    }

    /**
     * The standing of {@link PortfolioSource#standing}, with the reason of a churn or a contraction:
     * the reason code of the account's latest churn event dated within the period, if it has one.
     */
    @Override
    public Optional<Standing> standing(int index, ReportingPeriod period) {
        Optional<Standing> standing = PortfolioSource.super.standing(index, period);
        if (standing.isEmpty()) {
            return standing;
        }
        AccountRevenue revenue = standing.get().revenue();
        if (revenue.churnedOn().isEmpty() && !revenue.contracted()) {
            return standing;
        }
        Map.Entry<LocalDate, String> latest = reasons.getOrDefault(revenue.accountId(), EMPTY).floorEntry(period.end());
        if (latest == null || latest.getKey().isBefore(period.start())) {
            return standing;
        }
        return Optional.of(new Standing(AccountRevenue.builder().from(revenue).reason(latest.getValue()).build(),
                standing.get().onLastDay()));
    }

    /**
     * The snapshot assembler of RavenStack data, without reading any: the shipped features, and the
     * user's if given.
     *
     * @param features the user's JSON array of feature definitions, or null
     * @return the assembler
     * @throws org.cskit.cli.input.InputException if the user's features cannot be read or are wrong
     */
    static SnapshotAssembler assembler(Path features) {
        return features == null ? ASSEMBLER
                : UserFeatures.assembler(ASSEMBLER_DEFINITIONS, Set.copyOf(RavenStack.SIGNALS), features);
    }

    @Override
    public String description() {
        return shipped ? "RavenStack synthetic B2B SaaS data (by River @ Rivalytics), shipped with cskit"
                : "RavenStack-format data in " + data.dir();
    }

    @Override
    public String name() {
        return data.dir().toString();
    }

    @Override
    public String contents(List<LocalDate> days, long signals) {
        RavenStack.Counts c = data.counts();
        return String.format(Locale.ROOT, "read %,d accounts, %,d subscriptions, %,d feature-usage rows, %,d support tickets, dated %s to %s: "
                + "%,d signals", c.accounts(), c.subscriptions(), c.usage(), c.tickets(), c.first(), c.last(), c.signals());
    }

    @Override
    public Optional<Path> folder() {
        return Optional.of(data.dir());
    }

    @Override
    public String membership() {
        return "had signed up and had an active subscription";
    }

    @Override
    public String segments() {
        return "the plan tier";
    }

    @Override
    public LocalDate first() {
        return data.counts().first();
    }

    @Override
    public LocalDate last() {
        return data.counts().last();
    }

    @Override
    public LocalDate defaultAsOf() {
        return last();
    }

    @Override
    public SnapshotAssembler assembler() {
        return assembler;
    }

    @Override
    public Optional<Config> defaultConfig(String strategy) {
        if (strategy.trim().equalsIgnoreCase(WeightedScorecard.NAME)) {
            return Optional.of(new Config("the shipped ravenstack/" + RavenStackScoring.SCORECARD, RavenStackScoring.scorecardJson()));
        }
        return Optional.empty();
    }

    @Override
    public int size() {
        return ids.size();
    }

    @Override
    public Optional<Account> account(AccountId id, LocalDate day) {
        return ids.contains(id) ? data.accountOn(id, day) : Optional.empty();
    }

    @Override
    public Member member(int index, LocalDate upTo) {
        AccountId id = ids.get(index);
        return new Member() {
            @Override
            public Optional<Account> on(LocalDate day) {
                return data.accountOn(id, day);
            }

            @Override
            public List<Signal> signalsUpTo(Instant asOf) {
                return data.signalsUpTo(id, asOf);
            }
        };
    }

    @Override
    public AccountId id(int index) {
        return ids.get(index);
    }

    @Override
    public int index(AccountId id) {
        if (indices == null) {
            Map<AccountId, Integer> m = new java.util.HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                m.put(ids.get(i), i);
            }
            indices = Map.copyOf(m);
        }
        Integer i = indices.get(id);
        if (i == null) {
            throw new IllegalArgumentException("no account '" + id + "' in " + name());
        }
        return i;
    }

    @Override
    public Optional<Account> accountOn(int index, LocalDate day) {
        return data.accountOn(ids.get(index), day);
    }

    @Override
    public Currency currency() {
        return Currency.getInstance("USD");
    }

    @Override
    public Map<String, SurveyKind> surveySignals() {
        return Map.of(RavenStack.CSAT, SurveyKind.CSAT);
    }

    /** No rates: the data has no success plans, so no outcome metric to value. */
    @Override
    public ValueRates valueRates() {
        return ValueRates.builder(currency()).build();
    }

    @Override
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        notes.add("Segments are the plan tiers (Enterprise high touch, Pro scaled, others tech touch); a contract's ARR is the sum "
                + "over the subscriptions active on the day, in USD; it starts with the account's first subscription and renews "
                + "with the largest active one; the lifecycle stage follows the contract's age (onboarding to day "
                + RavenStack.ONBOARDING_DAYS + ", adoption to day " + RavenStack.ADOPTION_DAYS + ") and the renewal window ("
                + RavenStack.RENEWAL_WINDOW_DAYS + " days before an annual renewal).");
        notes.add("Signals: feature usage (uses, hours, errors), support tickets (count, priority, escalations, first response, "
                + "resolution time and satisfaction once closed) and subscription upgrades and downgrades; features are derived "
                + "from them as of each day, over windows of 14 days to a year.");
        notes.add("The data has no people, so no champion or sponsor and no changes of them; no success plans, milestones or "
                + "outcome metrics, so every account lacks a plan, plan and outcome features are missing, and the scorecard cannot "
                + "weigh the customer's own results; and no activity per seat, so seat utilisation is unknown. The playbooks "
                + "table says which playbooks this keeps from firing.");
        int beforeSignup = data.counts().beforeSignup();
        if (beforeSignup > 0) {
            notes.add(String.format(Locale.ROOT, "%,d usage and ticket rows are dated before their account signed up (the data is "
                    + "synthetic); they are kept as they are.", beforeSignup));
        }
        notes.add("Dashboard: with no success plans, the share that reached its outcome, value generated and time to first value "
                + "have nothing to count; the survey answers are the tickets' satisfaction scores, taken as CSAT on a 1 to 5 scale; "
                + "with no account team, every account is in the unassigned book; "
                + (hasChurnEvents ? "the reason of a churn or a contraction is the reason code of the account's latest churn event "
                        + "dated within the period (" + CHURN_EVENTS + "), unstated when it has none there."
                        : "the folder has no " + CHURN_EVENTS + ", so every loss is unstated."));
        if (shipped) {
            notes.add("RavenStack is synthetic: its churn labels carry no signal (see the data's README), so these scores show what "
                    + "the library does, not how well it predicts churn.");
        }
        return notes;
    }
}
