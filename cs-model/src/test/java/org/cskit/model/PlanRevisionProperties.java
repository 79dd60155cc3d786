package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** {@link SuccessPlan#revise} keeps every earlier version, in order, and owns the id, version and history. */
class PlanRevisionProperties {

    private static final Instant FIRST_REVISION = Instant.parse("2026-03-01T10:00:00Z");

    @Property(tries = 150)
    void revise_keepsEveryEarlierVersionInOrder(@ForAll("plans") SuccessPlan plan,
            @ForAll @Size(min = 1, max = 4) List<@IntRange(min = 0, max = 90) Integer> daysBetween) {
        List<SuccessPlan> versions = new ArrayList<>();
        List<Instant> times = new ArrayList<>();
        SuccessPlan current = plan;
        Instant at = FIRST_REVISION;
        for (int i = 0; i < daysBetween.size(); i++) {
            at = at.plusSeconds(86_400L * daysBetween.get(i));
            versions.add(current);
            times.add(at);
            int weeks = i + 2;
            current = current.revise(at, "revision " + (i + 1), b -> b.reviewCadence(Period.ofWeeks(weeks))
                    .purpose("Purpose, take " + weeks));
        }

        assertThat(current.id()).isEqualTo(plan.id());
        assertThat(current.version()).isEqualTo(plan.version() + daysBetween.size());
        assertThat(current.reviewCadence()).isEqualTo(Period.ofWeeks(daysBetween.size() + 1));
        assertThat(current.revisions()).hasSize(daysBetween.size());
        for (int i = 0; i < daysBetween.size(); i++) {
            PlanRevision r = current.revisions().get(i);
            SuccessPlan expectedKept = SuccessPlan.builder().from(versions.get(i)).revisions(List.of()).build();
            assertThat(r.plan()).as("kept version %d", i + 1).isEqualTo(expectedKept);
            assertThat(r.plan().version()).isEqualTo(plan.version() + i);
            assertThat(r.plan().revisions()).isEmpty();
            assertThat(r.supersededAt()).isEqualTo(times.get(i));
            assertThat(r.reason()).isEqualTo("revision " + (i + 1));
        }
    }

    @Property(tries = 150)
    void revise_setsIdVersionAndHistoryWhateverTheChangeSets(@ForAll("plans") SuccessPlan plan,
            @ForAll @IntRange(min = 1, max = 99) int version) {
        SuccessPlan once = plan.revise(FIRST_REVISION, "first", b -> b);

        SuccessPlan twice = once.revise(FIRST_REVISION, "second, at the same instant",
                b -> b.id(PlanId.of("hijacked")).version(version).revisions(List.of()));

        assertThat(twice.id()).isEqualTo(plan.id());
        assertThat(twice.version()).isEqualTo(plan.version() + 2);
        assertThat(twice.revisions()).extracting(PlanRevision::reason).containsExactly("first", "second, at the same instant");
        assertThat(twice.revisions().get(1).plan()).isEqualTo(SuccessPlan.builder().from(once).revisions(List.of()).build());
    }

    @Provide
    Arbitrary<SuccessPlan> plans() {
        return PlanProgressProperties.planArbitrary();
    }
}
