package dev.latchkey.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Unicode normalisation with the ASCII fast path")
class UnicodeTest {

    @Test
    @DisplayName("case=ASCII comes back as it is; anything else is normalised (NFC composes, NFKC also folds compatibility forms)")
    void normalises() {
        String ascii = "Ada Lovelace <ada@example.com> ~!";
        assertThat(Unicode.isAscii(ascii)).isTrue();
        assertThat(Unicode.nfc(ascii)).isSameAs(ascii);
        assertThat(Unicode.nfkc(ascii)).isSameAs(ascii);
        assertThat(Unicode.isAscii("caf\u00e9")).isFalse();
        assertThat(Unicode.nfc("cafe\u0301")).isEqualTo("caf\u00e9");
        assertThat(Unicode.nfc("\ufb01le")).isEqualTo("\ufb01le");
        assertThat(Unicode.nfkc("\ufb01le")).isEqualTo("file");
        assertThat(Unicode.nfkc("\uff21\uff44\uff41")).isEqualTo("Ada");
    }
}
