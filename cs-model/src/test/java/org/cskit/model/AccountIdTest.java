package org.cskit.model;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class AccountIdTest {

    /**
     * The fingerprints snapshots of the in-memory play-state store hold (format 1): the values of the function as it was
     * written in the store until session 9, so a snapshot taken before still finds its accounts. Short, odd and even
     * lengths, beyond Latin-1 (a UTF-16 string), a surrogate pair, the longest id.
     */
    @Test
    void fingerprint_knownIds_areThePinnedValues() {
        assertThat(AccountId.of("a").fingerprint()).isEqualTo(0x86ede49b2924d824L);
        assertThat(AccountId.of("ab").fingerprint()).isEqualTo(0x9a702a17694faac7L);
        assertThat(AccountId.of("acme").fingerprint()).isEqualTo(0xa4949ef1eaae407fL);
        assertThat(AccountId.of("acc-0").fingerprint()).isEqualTo(0xfc2b8463e8c8e9c4L);
        assertThat(AccountId.of("acc-123456").fingerprint()).isEqualTo(0xc248651f71001d08L);
        assertThat(AccountId.of("\u00fcn\u00efc\u00f8d\u00e9-\u8d26\u6237").fingerprint()).isEqualTo(0xd01f5934eae8081L);
        assertThat(AccountId.of("x".repeat(200)).fingerprint()).isEqualTo(0xeead6b5c65e1d613L);
        assertThat(AccountId.of("Acme Corp (EU) \ud83d\ude00").fingerprint()).isEqualTo(0xe0b2f0b12a5f235eL);
    }

    @Property(tries = 200)
    void fingerprint_anyId_isNeverZeroAndTheSameForEqualIds(@ForAll @StringLength(min = 1, max = 199) String text) {
        String value = text.isBlank() ? "x" + text : text;
        AccountId id = AccountId.of(value);
        AccountId again = AccountId.of(new String(value.toCharArray()));
        assertThat(id.fingerprint()).isNotZero().isEqualTo(again.fingerprint());
        assertThat(id).isEqualTo(again).hasSameHashCodeAs(again).hasToString(value);
        assertThat(id.compareTo(again)).isZero();
    }

    @Test
    void equals_differentText_isFalse() {
        assertThat(AccountId.of("acme")).isNotEqualTo(AccountId.of("Acme")).isNotEqualTo("acme");
        assertThat(AccountId.of("acme").compareTo(AccountId.of("b"))).isNegative();
    }
}
