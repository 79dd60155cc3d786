package org.cskit.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.cskit.model.json.JsonInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A night's state as lines of JSON: written, read back, and the next night on it makes what the state itself makes. */
class AccountStateJsonTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = MiniClusters.extension();

    @Test
    void toJson_aNightsState_readsBackEqualAndTheNextNightAgrees() throws Exception {
        CsDefinitions definitions = Fixtures.definitions();
        MiniClusters.Night one = MiniClusters.night(definitions, Fixtures.nightly(40, 3), null, Fixtures.AS_OF);
        List<String> lines = one.state().stream().map(AccountState::toJson).toList();
        List<AccountState> read = lines.stream().map(AccountState::fromJson).toList();

        assertThat(lines).as("one line each").hasSize(40).noneMatch(l -> l.contains("\n"));
        assertThat(read).containsExactlyElementsOf(one.state());
        assertThat(lines.get(0)).as("the format is written").startsWith("{\"format\" : " + AccountState.FORMAT + ",");
        assertThat(one.state()).as("states with open plays").anyMatch(s -> s.playStates() > 0);
        java.time.Instant next = Fixtures.AS_OF.plus(Duration.ofDays(1));
        assertThat(MiniClusters.night(definitions, Fixtures.nightly(40, 3, next), read, next).plays())
                .isEqualTo(MiniClusters.night(definitions, Fixtures.nightly(40, 3, next), one.state(), next).plays());
    }

    @Test
    void toJson_unscoredVelocityAndCoverage_readBackAsNaN() {
        AccountState s = new AccountState();
        s.format = AccountState.FORMAT;
        s.accountId = "acme";
        s.vectors = new org.cskit.flink.internal.VectorHistory();
        s.vectors.times = new long[] {1};
        s.vectors.scores = new double[] {Double.NaN};
        s.vectors.velocity = Double.NaN;
        s.vectors.coverage = Double.NaN;
        s.vectors.band = -1;

        assertThat(AccountState.fromJson(s.toJson())).isEqualTo(s);
    }

    @Test
    void fromJson_newerOrMissingFormat_failsNamingTheFormat() {
        assertThatThrownBy(() -> AccountState.fromJson("{\"format\": 2, \"accountId\": \"acme\", \"night\": 0}"))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("$.format: format 2 is newer than the format 1 this version of cs-flink reads; read it with the version "
                        + "that wrote it or a later one")
                .satisfies(e -> assertThat(((JsonInputException) e).path()).isEqualTo("$.format"));
        assertThatThrownBy(() -> AccountState.fromJson("{\"accountId\": \"acme\", \"night\": 0}"))
                .isInstanceOf(JsonInputException.class)
                .hasMessage("$.format: the record has no format (0); records written by cs-flink's nightly job carry format 1");
    }

    @Test
    void fromJson_unknownProperty_failsNamingThePath() {
        assertThatThrownBy(() -> AccountState.fromJson("{\"format\": 1, \"accountId\": \"acme\", \"night\": 0, \"plays\": [{\"versoin\": 1}]}"))
                .isInstanceOf(JsonInputException.class)
                .satisfies(e -> assertThat(((JsonInputException) e).path()).isEqualTo("$.plays[0].versoin"));
    }
}
