package dev.latchkey.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.testing.TestConfig;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {
    private final MailTemplates templates = new MailTemplates(TestConfig.forTable(URI.create("http://127.0.0.1:1"), "t"));

    @Test
    @DisplayName("case=the verification mail links to the configured base URL in both bodies")
    void verificationLink() {
        MailMessage mail = templates.verifySignup("ada@example.com", "abc_DEF-123", 24);
        assertThat(mail.to()).isEqualTo("ada@example.com");
        assertThat(mail.text()).contains("https://app.latchkey.test/verify-email#token=abc_DEF-123").contains("24 hours");
        assertThat(mail.html()).contains("href=\"https://app.latchkey.test/verify-email#token=abc_DEF-123\"");
    }

    @Test
    @DisplayName("case=HTML bodies escape what they include")
    void escapes() {
        assertThat(MailTemplates.escape("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }

    @Test
    @DisplayName("case=toString never prints bodies, which carry one-time links")
    void toStringHidesBodies() {
        MailMessage mail = templates.verifySignup("ada@example.com", "secret-token-value", 24);
        assertThat(mail.toString()).doesNotContain("secret-token-value").contains("ada@example.com");
    }
}
