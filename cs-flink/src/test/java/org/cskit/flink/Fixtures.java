package org.cskit.flink;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.cskit.model.AccountId;
import org.cskit.model.PersonId;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.cskit.model.event.ChampionChanged;
import org.cskit.datagen.PortfolioGenerator;

/** The test definitions (JSON shipped with the job) and inputs from cs-testkit's generated portfolio. */
public final class Fixtures {
    public static final LocalDate START = LocalDate.of(2025, 1, 1);
    public static final Instant AS_OF = LocalDate.of(2025, 9, 1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private Fixtures() {}

    public static String resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CsDefinitions definitions() {
        return CsDefinitions.of(resource("features.json"), resource("scorecard.json"), resource("playbooks.json"));
    }

    public static String accountId(int row) {
        return "acct-" + row;
    }

    /**
     * A generated portfolio's observations over {@code days} before {@link #AS_OF}, one record per
     * observation, plus a champion change for every fifth account at a seeded time; sorted by time
     * (arrival order is time order, so nothing is late).
     */
    public static List<AccountInput> stream(int accounts, int days, long seed) {
        PortfolioGenerator generator = PortfolioGenerator.builder().seed(seed).accounts(accounts).start(START).months(24).build();
        SignalColumns columns = generator.signalColumns(0, accounts, AS_OF, Duration.ofDays(days));
        List<AccountInput> out = new ArrayList<>();
        for (SignalColumn c : columns.columns()) {
            for (int i = 0; i < c.count(); i++) {
                out.add(AccountInput.signal(accountId(c.rows()[i]), c.name(), c.times()[i], c.values()[i]));
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        long from = AS_OF.minus(Duration.ofDays(days)).toEpochMilli();
        for (int a = 0; a < accounts; a += 5) {
            long at = from + random.nextLong(AS_OF.toEpochMilli() - from);
            if (a % 10 == 0) {
                at = at - at % 86_400_000L; // some at midnight exactly, when the day's evaluation also runs
            }
            out.add(AccountInput.event(new ChampionChanged(AccountId.of(accountId(a)), Optional.of(PersonId.of("old-" + a)),
                    Optional.of(PersonId.of("new-" + a)), Instant.ofEpochMilli(at))));
        }
        out.sort(Comparator.comparingLong(AccountInput::timestamp));
        return out;
    }

    /** A generated portfolio as a nightly extract: per account and signal one record with its observations of the last 180 days. */
    public static List<AccountInput> nightly(int accounts, long seed) {
        return nightly(accounts, seed, AS_OF);
    }

    /** The same portfolio's nightly extract as of another night. */
    public static List<AccountInput> nightly(int accounts, long seed, Instant asOf) {
        PortfolioGenerator generator = PortfolioGenerator.builder().seed(seed).accounts(accounts).start(START).months(24).build();
        return records(generator.signalColumns(0, accounts, asOf, Duration.ofDays(180)), 0);
    }

    /**
     * Per account a profile from the day before {@code asOf}: even rows in {@code smb}, odd rows in
     * {@code enterprise} (segments.json); every third row onboarding, the others adopting.
     */
    public static List<AccountInput> profiles(int accounts, Instant asOf) {
        List<AccountInput> out = new ArrayList<>();
        for (int r = 0; r < accounts; r++) {
            out.add(AccountInput.profile(accountId(r), r % 2 == 0 ? "smb" : "enterprise",
                    r % 3 == 0 ? org.cskit.model.LifecycleStage.ONBOARDING : org.cskit.model.LifecycleStage.ADOPTION,
                    asOf.minus(Duration.ofDays(1)).toEpochMilli()));
        }
        return out;
    }

    /** The segmented definitions: segments.json, a selection with a stricter scorecard for enterprise, and a playbook for smb accounts onboarding. */
    public static CsDefinitions segmented() {
        return CsDefinitions.of(resource("features.json"), resource("scorecards-segmented.json"), resource("playbooks-segmented.json"),
                resource("segments.json"));
    }

    /** Per account and signal one record, account ids from {@code firstRow} on. */
    public static List<AccountInput> records(SignalColumns columns, int firstRow) {
        List<AccountInput> out = new ArrayList<>();
        for (SignalColumn c : columns.columns()) {
            int i = 0;
            while (i < c.count()) {
                int row = c.rows()[i];
                int j = i;
                while (j < c.count() && c.rows()[j] == row) {
                    j++;
                }
                out.add(AccountInput.signal(accountId(firstRow + row), c.name(), java.util.Arrays.copyOfRange(c.times(), i, j),
                        java.util.Arrays.copyOfRange(c.values(), i, j)));
                i = j;
            }
        }
        return out;
    }
}
