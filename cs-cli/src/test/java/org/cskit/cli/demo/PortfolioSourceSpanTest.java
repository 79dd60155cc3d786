package org.cskit.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cskit.model.columns.SignalColumn;
import org.cskit.model.columns.SignalColumns;
import org.junit.jupiter.api.Test;

class PortfolioSourceSpanTest {

    @Test
    void span_ofAGeneratedSource_givesTheAccountsAndSignalsOfTheSource() {
        GeneratedSource data = GeneratedSource.of(400, 13, GeneratedSource.assembler(null));
        assertSpanAgrees(data, 37, 311, GeneratedSource.FIRST_RENEWAL.plusDays(40));
    }

    @Test
    void span_ofRavenStack_givesTheAccountsAndSignalsOfTheSource() {
        PortfolioSource data = RavenStackSource.read(null, Progress.off(), RavenStackSource.assembler(null));
        assertSpanAgrees(data, 5, Math.min(data.size(), 205), data.defaultAsOf());
    }

    /** The span's accounts on a month of days and its signals equal those the source gives account by account. */
    private static void assertSpanAgrees(PortfolioSource data, int from, int to, LocalDate upTo) {
        PortfolioSource.Span span = data.span(from, to, upTo);
        int present = 0;
        for (int i = from; i < to; i++) {
            for (LocalDate day = upTo.minusDays(30); !day.isAfter(upTo); day = day.plusDays(3)) {
                assertThat(span.on(i, day)).as("account %d on %s", i, day).isEqualTo(data.accountOn(i, day));
                present += data.accountOn(i, day).isPresent() ? 1 : 0;
            }
        }
        assertThat(present).isPositive();
        assertThat(text(span.signals())).isEqualTo(text(data.signalColumns(from, to, upTo))).isNotEmpty();
        assertThat(span.signals().rows()).isEqualTo(to - from);
    }

    private static List<String> text(SignalColumns columns) {
        List<String> out = new ArrayList<>();
        for (SignalColumn c : columns.columns()) {
            out.add(c.name() + " " + Arrays.toString(Arrays.copyOf(c.rows(), c.count())) + " " + Arrays.toString(Arrays.copyOf(c.times(), c.count()))
                    + " " + Arrays.toString(Arrays.copyOf(c.values(), c.count())));
        }
        return out;
    }
}
