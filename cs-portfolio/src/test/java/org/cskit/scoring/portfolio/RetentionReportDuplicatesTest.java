package org.cskit.scoring.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.cskit.scoring.portfolio.PortfolioFixtures.EUR;
import static org.cskit.scoring.portfolio.PortfolioFixtures.FY2026;
import static org.cskit.scoring.portfolio.PortfolioFixtures.report;
import static org.cskit.scoring.portfolio.PortfolioFixtures.revenue;

import java.util.List;
import org.cskit.model.ValidationException;
import org.junit.jupiter.api.Test;

/** An account counted twice made every ratio wrong without a word (issue 17, item 26). */
class RetentionReportDuplicatesTest {

    @Test
    void of_sameAccountTwice_isRefusedNamingIt() {
        AccountRevenue a = revenue("acme", 100, 120).build();

        assertThatThrownBy(() -> RetentionReport.of(FY2026, EUR, List.of(a, revenue("beta", 50, 50).build(), a)))
                .isInstanceOf(ValidationException.class)
                .hasMessage("account 'acme' appears twice: each account must appear once in a report");
    }

    @Test
    void combine_reportsSharingAnAccount_isRefused() {
        RetentionReport one = report(revenue("acme", 100, 120).build());
        RetentionReport other = report(revenue("acme", 100, 90).build(), revenue("beta", 50, 50).build());

        assertThatThrownBy(() -> one.combine(other))
                .isInstanceOf(ValidationException.class)
                .hasMessage("account 'acme' appears twice: each account must appear once in a report");
    }

    @Test
    void parallelStream_distinctAccounts_equalsSequential() {
        List<AccountRevenue> all = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            all.add(revenue("a" + i, 100 + i % 7, 100 + i % 11).build());
        }

        assertThat(all.parallelStream().collect(RetentionReport.collector(FY2026, EUR)))
                .isEqualTo(RetentionReport.of(FY2026, EUR, all));
    }
}
