package org.cskit.scoring.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.cskit.scoring.portfolio.MeasuresTest.GREEN;
import static org.cskit.scoring.portfolio.MeasuresTest.RED;
import static org.cskit.scoring.portfolio.MeasuresTest.YELLOW;
import static org.cskit.scoring.portfolio.PortfolioFixtures.CONTRACT_START;
import static org.cskit.scoring.portfolio.PortfolioFixtures.ENTERPRISE;
import static org.cskit.scoring.portfolio.PortfolioFixtures.FY2026;
import static org.cskit.scoring.portfolio.PortfolioFixtures.SMB;
import static org.cskit.scoring.portfolio.PortfolioFixtures.account;
import static org.cskit.scoring.portfolio.PortfolioFixtures.eur;
import static org.cskit.scoring.portfolio.PortfolioFixtures.plan;
import static org.cskit.scoring.portfolio.PortfolioFixtures.revenue;
import static org.cskit.scoring.portfolio.PortfolioFixtures.vector;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.cskit.model.Account;
import org.cskit.model.AccountId;
import org.cskit.model.AccountTeamRole;
import org.cskit.model.Band;
import org.cskit.model.PersonId;
import org.cskit.model.Segment;
import org.cskit.model.SurveyKind;
import org.cskit.model.SurveyResponse;
import org.cskit.model.TeamMember;

/** The dashboard in slices, in any order and in parallel, equals the dashboard over the whole. */
class DashboardProperties {
    private static final List<Band> BANDS = List.of(RED, YELLOW, GREEN);

    /** A random portfolio: account i's draws come from seed i, its id is unique. */
    @Provide
    Arbitrary<List<DashboardAccount>> portfolios() {
        return Arbitraries.longs().list().ofMaxSize(40).map(seeds -> {
            List<DashboardAccount> out = new ArrayList<>();
            for (int i = 0; i < seeds.size(); i++) {
                out.add(one("a" + i, new Random(seeds.get(i))));
            }
            return out;
        });
    }

    private static DashboardAccount one(String id, Random r) {
        Segment segment = r.nextBoolean() ? ENTERPRISE : SMB;
        long start = r.nextInt(4) == 0 ? 0 : 1_000 + r.nextInt(20_000);
        boolean churned = r.nextInt(5) == 0;
        long end = churned ? 0 : 500 + r.nextInt(25_000);
        LocalDate renewal = FY2026.start().plusDays(r.nextInt(500));
        AccountRevenue.Builder revenue = revenue(id, start, end).segment(segment).renewalDate(renewal);
        if (churned) {
            revenue.churnedOn(FY2026.start().plusDays(r.nextInt(365)));
        }
        if ((churned || start > end && start > 0) && r.nextBoolean()) {
            revenue.reason(List.of("budget", "competitor", "product-fit").get(r.nextInt(3)));
        }
        DashboardAccount.Builder d = DashboardAccount.builder().revenue(revenue.build()).openPlays(r.nextInt(3));
        if (!churned) {
            Optional<Double> measured = r.nextBoolean() ? Optional.of(r.nextInt(25) - 5 + r.nextInt(4) / 4.0) : Optional.empty();
            Optional<LocalDate> firstValue = r.nextBoolean() ? Optional.of(CONTRACT_START.plusDays(r.nextInt(200))) : Optional.empty();
            Account a = account(id, segment, r.nextInt(4) == 0 ? Optional.empty() : Optional.of(plan(id, firstValue, measured)));
            int csm = r.nextInt(4);
            if (csm > 0) {
                a = Account.builder().from(a).addAccountTeam(TeamMember.of(PersonId.of("csm-" + csm), "CSM " + csm,
                        AccountTeamRole.CUSTOMER_SUCCESS_MANAGER)).build();
            }
            d.account(a);
            if (r.nextInt(4) > 0) {
                d.vector(vector(id, r.nextInt(101), BANDS.get(r.nextInt(3))));
                if (r.nextBoolean()) {
                    d.weekBefore(vector(id, r.nextInt(101), BANDS.get(r.nextInt(3))));
                }
            }
        }
        for (int k = r.nextInt(4); k > 0; k--) {
            SurveyKind kind = SurveyKind.values()[r.nextInt(3)];
            d.addResponses(SurveyResponse.of(AccountId.of(id), kind, kind.min() + r.nextInt(kind.max() - kind.min() + 1),
                    Instant.parse("2025-12-01T00:00:00Z").plusSeconds(r.nextInt(400 * 86_400))));
        }
        if (r.nextBoolean()) {
            boolean churn = r.nextBoolean();
            d.forecast(new RenewalForecast(AccountId.of(id), renewal, renewal.minusDays(1 + r.nextInt(60)), churn,
                    eur(churn ? 0 : 1 + r.nextInt(20_000)), RenewalForecast.Source.SCORE));
        }
        return d.build();
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void dashboard_splitReorderedAndCombined_isTheWhole(@ForAll("portfolios") List<DashboardAccount> accounts,
            @ForAll @IntRange(min = 0, max = 40) int cut, @ForAll @IntRange(min = 0, max = 5) int shown, @ForAll Random random) {
        Dashboard.Spec spec = new Dashboard.Spec(FY2026, MeasuresTest.rates(), Set.of("red"), shown);
        List<DashboardAccount> shuffled = new ArrayList<>(accounts);
        Collections.shuffle(shuffled, random);
        int at = Math.min(cut, accounts.size());

        Dashboard whole = Dashboard.of(spec, accounts.stream());

        assertThat(Dashboard.of(spec, shuffled.subList(0, at).stream()).combine(Dashboard.of(spec, shuffled.subList(at,
                shuffled.size()).stream()))).isEqualTo(whole);
        assertThat(shuffled.parallelStream().collect(Dashboard.collector(spec))).isEqualTo(whole);
        assertThat(whole.retention().startingAccounts() + whole.retention().newAccounts()).isEqualTo(accounts.size());
        assertThat(whole.topMoves()).hasSizeLessThanOrEqualTo(shown);
        assertThat(whole.topMoves().size()).isEqualTo((int) Math.min(shown, whole.moves()));
    }
}
