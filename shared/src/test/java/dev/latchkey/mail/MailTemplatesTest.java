package dev.latchkey.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.testing.TestConfig;
import java.net.URI;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MailTemplatesTest {
    private final MailTemplates templates = new MailTemplates(new MailLinkBase(TestConfig.forTable(URI.create("http://127.0.0.1:1"), "t"),
            () -> {
                throw new AssertionError("a URL link base reads no parameter");
            }));

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

    @Test
    @DisplayName("case=an invitation links to /accept-invitation, says to sign up first when there is no account, and escapes the names in HTML")
    void invitation() {
        MailMessage existing = templates.invitation("bob@example.com", "<b>Greenhouse</b>", "Ada & co", "operator", "tok_EN-1", true, 7);
        assertThat(existing.subject()).isEqualTo("You are invited to <b>Greenhouse</b>");
        assertThat(existing.text()).contains("Ada & co invited you to join the application \"<b>Greenhouse</b>\" as an operator")
                .contains("https://app.latchkey.test/accept-invitation#token=tok_EN-1").contains("7 days").doesNotContain("sign up");
        assertThat(existing.html()).contains("&lt;b&gt;Greenhouse&lt;/b&gt;").contains("Ada &amp; co").doesNotContain("<b>Greenhouse");
        MailMessage newcomer = templates.invitation("carol@example.com", "Greenhouse", null, "developer", "tok", false, 7);
        assertThat(newcomer.text()).contains("A member invited you").contains("as a developer")
                .contains("sign up at https://app.latchkey.test/sign-up").contains("/accept-invitation#token=tok");
    }

    @Test
    @DisplayName("case=removal, role change and ownership transfer name the application and link to the applications page")
    void membershipNotices() {
        assertThat(templates.removedFromApplication("bob@example.com", "Greenhouse").subject()).isEqualTo("You were removed from Greenhouse");
        assertThat(templates.roleChanged("bob@example.com", "Greenhouse", "observer").text()).contains("made you an observer")
                .contains("https://app.latchkey.test/applications");
        assertThat(templates.ownershipTransferred("bob@example.com", "Greenhouse").text()).contains("you are its owner");
    }

    @Test
    @DisplayName("case=email change: the link to /confirm-email for the new address, a notice for a taken one without a link, notices to the old address naming the new one escaped in HTML")
    void emailChange() {
        MailMessage link = templates.confirmEmailChange("new@example.com", "tok_EN-2", 60);
        assertThat(link.subject()).isEqualTo("Confirm your new email address");
        assertThat(link.text()).contains("https://app.latchkey.test/confirm-email#token=tok_EN-2").contains("60 minutes")
                .contains("only for the account that asked");
        assertThat(link.html()).contains("href=\"https://app.latchkey.test/confirm-email#token=tok_EN-2\"");
        MailMessage taken = templates.emailChangeToTakenAddress("taken@example.com");
        assertThat(taken.text()).contains("already belongs to an account").contains("Nothing has changed").doesNotContain("token=");
        MailMessage requested = templates.emailChangeRequested("old@example.com", "a<b>@example.com");
        assertThat(requested.text()).contains("change its email address to a<b>@example.com").contains("change your password");
        assertThat(requested.html()).contains("a&lt;b&gt;@example.com").doesNotContain("a<b>");
        MailMessage changed = templates.emailChanged("old@example.com", "new@example.com");
        assertThat(changed.subject()).isEqualTo("Your email address was changed");
        assertThat(changed.text()).contains("changed just now to new@example.com").contains("Every other session");
    }
}
