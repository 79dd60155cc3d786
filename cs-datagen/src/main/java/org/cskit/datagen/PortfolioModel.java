package org.cskit.datagen;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.AccountTeamRole;
import org.cskit.model.AppropriateExperience;
import org.cskit.model.Channel;
import org.cskit.model.Contract;
import org.cskit.model.DesiredOutcome;
import org.cskit.model.EngagementModel;
import org.cskit.model.LifecycleStage;
import org.cskit.model.Measurement;
import org.cskit.model.MetricDirection;
import org.cskit.model.MetricId;
import org.cskit.model.Milestone;
import org.cskit.model.MilestoneId;
import org.cskit.model.MilestoneKind;
import org.cskit.model.MilestoneStatus;
import org.cskit.model.Money;
import org.cskit.model.NextPhase;
import org.cskit.model.PersonId;
import org.cskit.model.PlanId;
import org.cskit.model.PlanStatus;
import org.cskit.model.RequiredOutcome;
import org.cskit.model.Responsibility;
import org.cskit.model.Segment;
import org.cskit.model.Side;
import org.cskit.model.SignOff;
import org.cskit.model.Signal;
import org.cskit.model.SignalFamily;
import org.cskit.model.SignalId;
import org.cskit.model.Stakeholder;
import org.cskit.model.StakeholderRole;
import org.cskit.model.SuccessMetric;
import org.cskit.model.SuccessPlan;
import org.cskit.model.TeamMember;
import org.cskit.datagen.GeneratedAccount.Outcome;

/**
 * The world behind {@link PortfolioGenerator}: how one account is drawn from its seed and index.
 * Each part draws from its own random stream ({@link SeededRandom#of}), so that a change to how one
 * part is drawn does not shift the numbers of the others, and signals can be drawn later, alone.
 */
final class PortfolioModel {
    private static final int PROFILE = 1;
    private static final int TRAJECTORY = 2;
    private static final int CONTRACT = 3;
    private static final int OUTCOME = 4;
    private static final int PLAN = 5;
    private static final int USAGE = 6;
    private static final int SURVEYS = 7;
    private static final int FIT = 8;

    /** A segment and what its accounts look like. {@code upTo} is the cumulative share of accounts. */
    private record Tier(Segment segment, double upTo, int minSeats, int maxSeats, double pricePerSeat, double healthMean,
            List<Integer> terms, double planShare, Period cadence, List<Channel> channels, String vendorRole) {}

    private static final Tier SMB = new Tier(Segment.of("smb", EngagementModel.TECH_TOUCH), 0.6, 3, 30, 480, 0.7,
            List.of(12), 0.5, Period.ofMonths(3), List.of(Channel.IN_APP, Channel.EMAIL), "Scaled success team");
    private static final Tier MID_MARKET = new Tier(Segment.of("mid-market", EngagementModel.SCALED), 0.9, 30, 300, 420, 1.1,
            List.of(12, 12, 24), 0.8, Period.ofMonths(1), List.of(Channel.EMAIL, Channel.WEBINAR, Channel.VIDEO_CALL),
            "Customer success manager");
    private static final Tier ENTERPRISE = new Tier(Segment.of("enterprise", EngagementModel.HIGH_TOUCH), 1.0, 300, 3000, 360,
            1.5, List.of(12, 24, 36), 0.95, Period.ofWeeks(2), List.of(Channel.VIDEO_CALL, Channel.ONSITE, Channel.EMAIL),
            "Customer success manager");
    private static final List<Tier> TIERS = List.of(SMB, MID_MARKET, ENTERPRISE);

    /**
     * A milestone every plan has (rollout only for bigger accounts), due {@code day} days after the
     * plan's start, after the step at index {@code after} (-1: none).
     */
    private record Step(String id, String name, MilestoneKind kind, int day, Side owner, int after) {}

    private static final List<Step> STEPS = List.of(
            new Step("kickoff", "Kick-off and setup", MilestoneKind.SETUP, 14, Side.VENDOR, -1),
            new Step("first-value", "First result in production", MilestoneKind.FIRST_VALUE, 45, Side.CUSTOMER, 0),
            new Step("adoption", "Half the seats active every week", MilestoneKind.ADOPTION, 90, Side.CUSTOMER, 1),
            new Step("rollout", "Every team on board", MilestoneKind.ROLLOUT, 150, Side.CUSTOMER, 2),
            new Step("review", "Business review", MilestoneKind.REVIEW, 240, Side.VENDOR, -1));

    private static final List<String> ADJECTIVES = List.of("Blue", "North", "Silver", "Bright", "Red", "Green", "Swift",
            "Prime", "Clear", "Bold", "Quiet", "Iron");
    private static final List<String> NOUNS = List.of("River", "Peak", "Harbor", "Field", "Stone", "Cloud", "Bridge", "Oak",
            "Lake", "Summit", "Forge", "Pine");
    private static final List<String> KINDS = List.of("Logistics", "Health", "Foods", "Analytics", "Labs", "Retail", "Energy",
            "Finance", "Media", "Systems", "Studio", "Works");
    private static final List<String> INDUSTRIES = List.of("Manufacturing", "FinTech", "Healthcare", "Retail", "Logistics",
            "Software", "Education", "Media");
    private static final List<String> REGIONS = List.of("EMEA", "NA", "APAC", "LATAM");
    private static final List<String> FIRST_NAMES = List.of("Ada", "Ben", "Chloe", "Dev", "Elena", "Femi", "Grace", "Hugo",
            "Ines", "Jonas", "Kira", "Luis");
    private static final List<String> LAST_NAMES = List.of("Adams", "Berg", "Costa", "Diaz", "Evans", "Fischer", "Garcia",
            "Hansen", "Ito", "Jensen", "Khan", "Lopez");

    private PortfolioModel() {}

    static GeneratedAccount generate(long seed, int index, LocalDate start, int months) {
        SeededRandom profile = SeededRandom.of(seed, index, PROFILE);
        Tier tier = tier(profile.nextDouble());
        int seats = (int) Math.round(StrictMath.exp(profile.uniform(StrictMath.log(tier.minSeats()),
                StrictMath.log(tier.maxSeats()))));
        AccountId id = AccountId.of(accountId(index));
        double[] trajectory = trajectory(SeededRandom.of(seed, index, TRAJECTORY), tier, months);

        SeededRandom c = SeededRandom.of(seed, index, CONTRACT);
        LocalDate end = start.plusMonths(months);
        int span = (int) ChronoUnit.DAYS.between(start, end);
        LocalDate renewal = start.plusDays(span / 4 + c.nextInt(span - span / 4));
        // At least the window's length in whole years, so that each contract comes up for renewal once in it.
        int term = Math.max(c.pick(tier.terms()), 12 * ((months + 11) / 12));
        BigDecimal arr = hundreds(seats * tier.pricePerSeat() * c.uniform(0.85, 1.15));
        Contract contract = Contract.builder().arr(Money.of(arr, PortfolioGenerator.CURRENCY))
                .startDate(renewal.minusMonths(term)).renewalDate(renewal).termMonths(term).autoRenew(tier == SMB).build();
        double u = c.nextDouble(); // drawn for every account, so later draws stay where they were
        LifecycleStage stage = stage(contract, start, trajectory[0] > 0.75 && u < 0.3);

        Outcome outcome = outcome(SeededRandom.of(seed, index, OUTCOME), contract,
                healthOn(trajectory, start, months, renewal));
        LocalDate stop = outcome.churned() ? outcome.date() : end;

        Account.Builder account = Account.builder().id(id)
                .name(profile.pick(ADJECTIVES) + " " + profile.pick(NOUNS) + " " + profile.pick(KINDS))
                .segment(tier.segment())
                .lifecycleStage(stage)
                .putAttributes("industry", profile.pick(INDUSTRIES))
                .putAttributes("region", profile.pick(REGIONS))
                .putAttributes("seats", Integer.toString(seats))
                .contract(contract);
        people(profile, tier, account);
        SeededRandom p = SeededRandom.of(seed, index, PLAN);
        if (p.chance(tier.planShare())) {
            account.successPlan(plan(seed, index, p, tier, id, contract, seats, trajectory, start, months, stop));
        }
        return new GeneratedAccount(seed, index, start, months, account.build(), seats, trajectory, outcome);
    }

    /** {@code acct-0000042}: seven digits at least, so that ids sort like indices in a portfolio of up to ten million. */
    static String accountId(int index) {
        String digits = Integer.toString(index);
        return "acct-" + "0000000".substring(Math.min(7, digits.length())) + digits;
    }

    private static Tier tier(double u) {
        for (Tier t : TIERS) {
            if (u < t.upTo()) {
                return t;
            }
        }
        return ENTERPRISE;
    }

    /** Health at each month boundary: a random walk of the log-odds with the account's own drift and rare shocks. */
    private static double[] trajectory(SeededRandom r, Tier tier, int months) {
        double[] health = new double[months + 1];
        double z = tier.healthMean() + r.gaussian();
        double drift = 0.15 * r.gaussian();
        health[0] = logistic(z);
        for (int m = 1; m <= months; m++) {
            double step = drift + 0.3 * r.gaussian();
            boolean shock = r.chance(0.02); // a champion leaves, a reorganisation, an outage
            z = Math.max(-8, Math.min(8, z + step - (shock ? 1.2 : 0)));
            health[m] = logistic(z);
        }
        return health;
    }

    /** Renewal window: this many days or fewer before the renewal. */
    static final int RENEWAL_WINDOW_DAYS = 120;
    /** Onboarding: the contract's first days. */
    static final int ONBOARDING_DAYS = 45;
    /** Adoption: until this day of the contract. */
    static final int ADOPTION_DAYS = 120;

    /**
     * The stage on a day, from the contract's age and the renewal's nearness; past adoption,
     * expansion for an account ready to grow, else steady state.
     */
    static LifecycleStage stage(Contract contract, LocalDate day, boolean readyToExpand) {
        long age = ChronoUnit.DAYS.between(contract.startDate(), day);
        if (contract.daysToRenewal(day) <= RENEWAL_WINDOW_DAYS) {
            return LifecycleStage.RENEWAL_WINDOW;
        }
        if (age < ONBOARDING_DAYS) {
            return LifecycleStage.ONBOARDING;
        }
        if (age < ADOPTION_DAYS) {
            return LifecycleStage.ADOPTION;
        }
        return readyToExpand ? LifecycleStage.EXPANSION : LifecycleStage.STEADY_STATE;
    }

    /** The lower the health at renewal, the likelier a churn; the higher, the likelier an expansion. */
    private static Outcome outcome(SeededRandom r, Contract contract, double health) {
        double churn = r.nextDouble();
        double expand = r.nextDouble();
        double growth = r.uniform(1.1, 1.5);
        LocalDate day = contract.renewalDate();
        Money arr = contract.arr();
        if (churn < logistic(7 * (0.25 - health))) {
            return new Outcome(Outcome.Kind.CHURNED, day, Money.of(BigDecimal.ZERO.setScale(2), PortfolioGenerator.CURRENCY));
        }
        if (expand < logistic(12 * (health - 0.95))) {
            return new Outcome(Outcome.Kind.EXPANDED, day,
                    Money.of(hundreds(arr.amount().doubleValue() * growth), PortfolioGenerator.CURRENCY));
        }
        return new Outcome(Outcome.Kind.RENEWED, day, arr);
    }

    private static void people(SeededRandom r, Tier tier, Account.Builder account) {
        Stakeholder.Builder champion = Stakeholder.builder().id(PersonId.of("champion")).name(person(r))
                .addRoles(StakeholderRole.CHAMPION);
        if (tier == SMB) {
            account.addStakeholders(champion.addRoles(StakeholderRole.ADMIN).build());
            return;
        }
        account.addStakeholders(champion.build(), Stakeholder.builder().id(PersonId.of("sponsor")).name(person(r))
                .addRoles(StakeholderRole.EXECUTIVE_SPONSOR).build());
        account.addAccountTeam(TeamMember.of(PersonId.of("csm"), person(r), AccountTeamRole.CUSTOMER_SUCCESS_MANAGER));
        if (tier == ENTERPRISE) {
            account.addAccountTeam(TeamMember.of(PersonId.of("ae"), person(r), AccountTeamRole.ACCOUNT_EXECUTIVE));
        }
    }

    private static String person(SeededRandom r) {
        return r.pick(FIRST_NAMES) + " " + r.pick(LAST_NAMES);
    }

    /**
     * An active plan from the contract's start: weekly active users measured on the first of each
     * month of the window, and milestones achieved with a probability and a delay set by the health
     * at their due date (never after {@code stop}, never before what they depend on).
     */
    private static SuccessPlan plan(long seed, int index, SeededRandom r, Tier tier, AccountId id, Contract contract, int seats, double[] trajectory,
            LocalDate start, int months, LocalDate stop) {
        LocalDate planStart = contract.startDate();
        double fit = fit(seed, index);
        int baseline = seats / 10;
        int target = Math.max(baseline + 1, (int) Math.round(seats * 0.7));
        SuccessMetric.Builder metric = SuccessMetric.builder().id(MetricId.of("weekly-active-users")).name("Weekly active users")
                .unit(Signal.COUNT).direction(MetricDirection.HIGHER_IS_BETTER).baseline(baseline).target(target)
                .measurementMethod("Product analytics: distinct users in the week, read on the first of each month");
        for (int m = 0; m < months; m++) {
            LocalDate day = start.plusMonths(m);
            double noise = r.gaussian();
            if (!day.isBefore(stop)) {
                break;
            }
            double users = seats * utilisation(healthOn(trajectory, start, months, day), fit) + noise * 0.5 * StrictMath.sqrt(seats);
            metric.addMeasurements(Measurement.of(day.atTime(12, 0).toInstant(ZoneOffset.UTC),
                    Math.max(0, Math.min(seats, Math.round(users)))));
        }
        SuccessPlan.Builder plan = SuccessPlan.builder()
                .id(PlanId.of(id.value() + "-plan"))
                .accountId(id)
                .purpose("Most of the team works in the product every week")
                .desiredOutcome(DesiredOutcome.of(
                        RequiredOutcome.builder().statement(target + " weekly active users").metric(metric.build())
                                .deadline(planStart.plusDays(365)).build(),
                        AppropriateExperience.builder().engagementModel(tier.segment().engagementModel())
                                .addAllChannels(tier.channels()).cadence(tier.cadence()).build()))
                .addResponsibilities(
                        Responsibility.builder().side(Side.CUSTOMER).role("Champion")
                                .duty("Brings the team into the product and gathers its feedback").build(),
                        Responsibility.builder().side(Side.VENDOR).role(tier.vendorRole())
                                .duty("Coaches the team and reports progress at every review").build())
                .reviewCadence(tier.cadence())
                .status(PlanStatus.ACTIVE)
                .startDate(planStart);
        List<LocalDate> achieved = new ArrayList<>();
        for (Step step : STEPS) {
            double u = r.nextDouble();
            double delay = r.gaussian();
            if (step.kind() == MilestoneKind.ROLLOUT && tier == SMB) {
                achieved.add(null);
                continue;
            }
            LocalDate due = planStart.plusDays(step.day());
            double health = healthOn(trajectory, start, months, due);
            LocalDate before = step.after() < 0 ? planStart : achieved.get(step.after());
            LocalDate on = null;
            if (before != null && u < (step.after() < 0 && step.kind() == MilestoneKind.SETUP ? 0.95 : 0.25 + 0.75 * health)) {
                LocalDate planned = due.plusDays(Math.round(8 * delay + 45 * (0.55 - health)));
                on = planned.isBefore(before) ? before : planned;
                on = on.isBefore(stop) ? on : null;
            }
            achieved.add(on);
            Milestone.Builder milestone = Milestone.builder().id(MilestoneId.of(step.id())).name(step.name()).kind(step.kind())
                    .ownerSide(step.owner()).dueDate(due)
                    .completion(SignOff.of(Side.CUSTOMER, "The customer confirms it at the next review"));
            if (step.after() >= 0) {
                milestone.addDependsOn(MilestoneId.of(STEPS.get(step.after()).id()));
            }
            if (on != null) {
                milestone.status(MilestoneStatus.ACHIEVED).achievedOn(on);
            } else {
                milestone.status(due.isBefore(stop) ? MilestoneStatus.IN_PROGRESS : MilestoneStatus.PLANNED);
            }
            plan.addMilestones(milestone.build());
        }
        if (trajectory[0] > 0.7 && r.chance(0.4)) {
            plan.nextPhase(NextPhase.of("Bring a second department on board"));
        }
        return plan.build();
    }

    /** Receives an account's observations in the order they are drawn: each signal's in time order. */
    interface Observer {
        /**
         * @param signal the signal's index in {@link #SIGNAL_NAMES}
         * @param period the week or quarter it belongs to (part of the object's id)
         * @param millis when, in epoch milliseconds
         * @param value the value
         */
        void observe(int signal, int period, long millis, double value);
    }

    /** The generated signals' names, in the order {@link Observer} indexes them. */
    static final String[] SIGNAL_NAMES = {PortfolioGenerator.ACTIVE_USERS, PortfolioGenerator.LOGINS,
            PortfolioGenerator.SEAT_UTILISATION, PortfolioGenerator.SUPPORT_TICKETS, PortfolioGenerator.NPS};
    private static final SignalFamily[] FAMILIES = {SignalFamily.USAGE, SignalFamily.USAGE, SignalFamily.USAGE,
            SignalFamily.SUPPORT, SignalFamily.SENTIMENT};
    private static final String[] UNITS = {Signal.COUNT, Signal.COUNT, "ratio", Signal.COUNT, "score"};
    private static final String[] SOURCES = {"product-analytics", "product-analytics", "product-analytics", "helpdesk", "survey"};
    private static final long DAY_MILLIS = 86_400_000L;

    /**
     * The weekly usage and support signals, and the survey answers, from the window's start to its
     * end or the churn day, and before {@code until}; sorted by time, then id. Each part draws its
     * numbers in time order, so the signals before {@code until} are the same however far it is.
     */
    static List<Signal> signals(long seed, int index, LocalDate start, int months, GeneratedAccount a, LocalDate until) {
        AccountId id = a.account().id();
        List<Signal> signals = new ArrayList<>(4 * (months * 31 / 7 + 1) + months / 3 + 2);
        observe(seed, index, start, months, a, until, (signal, period, millis, value) -> signals.add(
                Signal.builder().id(SignalId.of(id.value() + "/" + SIGNAL_NAMES[signal] + "/" + period)).accountId(id)
                        .family(FAMILIES[signal]).name(SIGNAL_NAMES[signal]).value(value).unit(UNITS[signal])
                        .observedAt(Instant.ofEpochMilli(millis)).source(SOURCES[signal]).build()));
        signals.sort(Comparator.comparing(Signal::observedAt).thenComparing(Signal::id));
        return List.copyOf(signals);
    }

    /** Draws the signals of {@link #signals} and hands each to {@code out}, without making objects. */
    static void observe(long seed, int index, LocalDate start, int months, GeneratedAccount a, LocalDate until, Observer out) {
        LocalDate end = a.outcome().churned() ? a.outcome().date() : start.plusMonths(months);
        LocalDate stop = until.isBefore(end) ? until : end;
        int seats = a.seats();
        SeededRandom usage = SeededRandom.of(seed, index, USAGE);
        double fit = fit(seed, index);
        for (int week = 0;; week++) {
            LocalDate day = start.plusDays(7L * week);
            if (!day.isBefore(stop)) {
                break;
            }
            double health = a.healthOn(day);
            double utilisation = Math.max(0, Math.min(1, utilisation(health, fit) + 0.05 * usage.gaussian()));
            int active = (int) Math.round(seats * utilisation);
            int logins = usage.poisson(active * (1.5 + 5 * health));
            int tickets = usage.poisson(0.06 * StrictMath.sqrt(seats) * (0.3 + 2.5 * (1 - health)));
            long at = day.toEpochDay() * DAY_MILLIS;
            out.observe(0, week, at, active);
            out.observe(1, week, at, logins);
            out.observe(2, week, at, (double) active / seats);
            out.observe(3, week, at, tickets);
        }
        SeededRandom surveys = SeededRandom.of(seed, index, SURVEYS);
        for (int quarter = 0;; quarter++) {
            LocalDate day = start.plusDays(91L * quarter + surveys.nextInt(91));
            double answers = surveys.nextDouble();
            double noise = surveys.gaussian();
            int second = surveys.nextInt(86_400);
            if (!day.isBefore(stop)) {
                break;
            }
            double health = a.healthOn(day);
            if (answers < 0.3 + 0.5 * health) {
                double score = Math.max(0, Math.min(10, Math.round(11 * health - 0.5 + 1.2 * noise)));
                out.observe(4, quarter, day.toEpochDay() * DAY_MILLIS + second * 1000L, score);
            }
        }
    }

    /** The health on a day: linear between month boundaries, the first value before the window, the last after it. */
    static double healthOn(double[] trajectory, LocalDate start, int months, LocalDate day) {
        if (day.isBefore(start)) {
            return trajectory[0];
        }
        long m = ChronoUnit.MONTHS.between(start, day);
        if (m >= months) {
            return trajectory[months];
        }
        LocalDate from = start.plusMonths(m);
        double fraction = (double) ChronoUnit.DAYS.between(from, day) / ChronoUnit.DAYS.between(from, start.plusMonths(m + 1));
        int i = (int) m;
        return trajectory[i] + (trajectory[i + 1] - trajectory[i]) * fraction;
    }

    /** The share of seats in use at a health, for an account whose seats fit its team by {@code fit}. */
    private static double utilisation(double health, double fit) {
        return 0.05 + 0.85 * health + fit;
    }

    /**
     * How well the seats bought fit the team, beside health: some accounts bought more seats than
     * they will ever fill, some fewer. It keeps utilisation from being the health itself.
     */
    private static double fit(long seed, int index) {
        return 0.1 * SeededRandom.of(seed, index, FIT).gaussian();
    }

    private static double logistic(double z) {
        return 1.0 / (1.0 + StrictMath.exp(-z));
    }

    /** A positive amount rounded to whole hundreds, with cents. */
    private static BigDecimal hundreds(double amount) {
        return BigDecimal.valueOf(Math.max(1, Math.round(amount / 100)) * 100L).setScale(2);
    }
}
