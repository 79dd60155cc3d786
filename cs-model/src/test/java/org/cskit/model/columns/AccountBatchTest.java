package org.cskit.model.columns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.cskit.model.AccountId;
import org.cskit.model.EngagementModel;
import org.cskit.model.FeatureSchema;
import org.cskit.model.LifecycleStage;
import org.cskit.model.ManualOverride;
import org.cskit.model.PersonId;
import org.cskit.model.Segment;
import org.cskit.model.ValidationException;
import org.junit.jupiter.api.Test;

class AccountBatchTest {
    private static final FeatureSchema SCHEMA = FeatureSchema.of("logins");
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final List<Segment> SEGMENTS = List.of(Segment.of("smb", EngagementModel.SCALED),
            Segment.of("enterprise", EngagementModel.HIGH_TOUCH));

    private static AccountBatch.Builder three() {
        return AccountBatch.builder(FeatureColumns.builder(SCHEMA, 3).feature("logins", new int[] {1, 2, 3}).build())
                .asOf(T0).accountIds(i -> AccountId.of("a" + i));
    }

    private static ManualOverride override(double score) {
        return ManualOverride.builder().score(score).by(PersonId.of("dana")).reason("renewal signed early").setAt(T0.minusSeconds(60))
                .expiresAt(T0.plusSeconds(86_400)).build();
    }

    @Test
    void accountId_ofARowTheIdFunctionGivesNoIdFor_isRejectedNamingTheRow() {
        AccountBatch batch = three().accountIds(i -> i == 2 ? null : AccountId.of("a" + i)).segments(SEGMENTS.subList(0, 1), null)
                .stage(LifecycleStage.ADOPTION).build();

        assertThat(batch.accountId(1)).isEqualTo(AccountId.of("a1"));
        assertThatThrownBy(() -> batch.accountId(2)).isInstanceOf(NullPointerException.class).hasMessage("accountIds returned null for row 2");
        assertThatThrownBy(() -> batch.slice(1, 3).accountId(1)).isInstanceOf(NullPointerException.class)
                .hasMessage("accountIds returned null for row 1");
        assertThatThrownBy(() -> batch.accountId(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void override_isHeldByRow_andSlicesRenumberIt() {
        ManualOverride o = override(80);
        AccountBatch batch = three().segments(SEGMENTS.subList(0, 1), null).stage(LifecycleStage.ADOPTION).override(2, o).build();

        assertThat(batch.hasOverrides()).isTrue();
        assertThat(batch.override(2)).isSameAs(o);
        assertThat(batch.override(1)).isNull();
        assertThat(batch.slice(1, 3).override(1)).isSameAs(o);
        assertThat(batch.slice(0, 2).override(1)).isNull();
    }

    @Test
    void override_outsideTheRowsOrTwiceForARow_isRejectedNamingTheRow() {
        assertThatThrownBy(() -> three().override(3, override(80))).isInstanceOf(ValidationException.class)
                .hasMessage("override for row 3, but the batch has rows 0 to 2");
        assertThatThrownBy(() -> three().override(-1, override(80))).isInstanceOf(ValidationException.class)
                .hasMessage("override for row -1, but the batch has rows 0 to 2");
        assertThatThrownBy(() -> three().override(1, override(80)).override(1, override(20))).isInstanceOf(ValidationException.class)
                .hasMessage("row 1 has an override already (score 80); give at most one per row");
    }

    @Test
    void rows_readFeaturesVectorsSegmentsAndStages_andSlicesRenumberThem() {
        VectorColumns now = VectorColumns.builder(3).bands("red", "green").scores(new double[] {10, Double.NaN, 90})
                .bandCodes(new byte[] {0, -1, 1}).directionCodes(new byte[] {1, -1, 0}).build();
        AccountBatch batch = three().segments(SEGMENTS, new byte[] {0, 1, 1})
                .stages(new byte[] {0, 1, (byte) LifecycleStage.RENEWAL_WINDOW.ordinal()}).vectors(now).build();

        AccountBatch slice = batch.slice(1, 3);

        assertThat(slice.size()).isEqualTo(2);
        assertThat(slice.offset()).isEqualTo(1);
        assertThat(slice.accountId(1)).isEqualTo(AccountId.of("a2"));
        assertThat(slice.feature(0, 1)).isEqualTo(3.0);
        assertThat(slice.score(0)).isNaN();
        assertThat(slice.band(1)).isEqualTo("green");
        assertThat(slice.direction(1)).isEqualTo("IMPROVING");
        assertThat(slice.previousBand(1)).as("no previous vectors").isNull();
        assertThat(slice.segment(0).name()).isEqualTo("enterprise");
        assertThat(slice.stage(1)).isEqualTo(LifecycleStage.RENEWAL_WINDOW);
        assertThat(slice.velocity(0)).isNaN();
    }

    @Test
    void oneRowBatch_isBuiltFromOneAccountsValues() {
        AccountBatch one = AccountBatch.builder(FeatureColumns.builder(SCHEMA, 1).feature("logins", new double[] {5}).build())
                .asOf(T0).accountIds(i -> AccountId.of("solo")).segments(SEGMENTS.subList(0, 1), null)
                .stage(LifecycleStage.ADOPTION).build();

        assertThat(one.size()).isEqualTo(1);
        assertThat(one.feature(0, 0)).isEqualTo(5.0);
        assertThat(one.stage(0)).isEqualTo(LifecycleStage.ADOPTION);
        assertThat(one.segment(0).name()).isEqualTo("smb");
    }

    @Test
    void badCodesAndLengths_areRejectedNamingColumnRowAndValue() {
        assertThatThrownBy(() -> three().segments(SEGMENTS, null).stage(LifecycleStage.ADOPTION).build())
                .isInstanceOf(ValidationException.class).hasMessage("2 segments but no codes saying which row is in which");
        assertThatThrownBy(() -> three().segments(SEGMENTS, new byte[] {0, 2, 1}).stage(LifecycleStage.ADOPTION).build())
                .isInstanceOf(ValidationException.class).hasMessage("segment code 2 in row 1 is outside 0..1");
        assertThatThrownBy(() -> three().segments(SEGMENTS, new byte[] {0, 1}).stage(LifecycleStage.ADOPTION).build())
                .isInstanceOf(ValidationException.class).hasMessage("column 'segment' has 2 values for 3 rows");
        assertThatThrownBy(() -> three().segments(SEGMENTS, new byte[3]).stages(new byte[] {0, 0, 99}).build())
                .isInstanceOf(ValidationException.class).hasMessageContaining("stages code 99 in row 2 is outside 0..");
        assertThatThrownBy(() -> three().segments(SEGMENTS, new byte[3]).build())
                .isInstanceOf(ValidationException.class).hasMessage("give each row's lifecycle stage, or one stage for all rows");
        VectorColumns two = VectorColumns.allocate(2, List.of("red"));
        assertThatThrownBy(() -> three().segments(SEGMENTS, new byte[3]).stage(LifecycleStage.ADOPTION).previousVectors(two).build())
                .isInstanceOf(ValidationException.class).hasMessage("column 'previousVectors' has 2 values for 3 rows");
    }
}
