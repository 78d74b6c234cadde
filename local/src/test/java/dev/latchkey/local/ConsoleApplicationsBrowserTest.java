package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.local.MfaEndToEndTest.MovableClock;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Applications, invitations and account deletion in Chromium against the dev server, with two browser profiles:
 * the owner's and the invited member's (each its own WebDriver and --user-data-dir). After the journey: no console
 * error and no request to any origin but the dev server's. Screenshots go to target/screenshots/.
 */
@DisplayName("The console's applications and account deletion in Chromium")
class ConsoleApplicationsBrowserTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final DefaultCodeGenerator APP = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
    private static final MovableClock CLOCK = new MovableClock();
    private static DevServer server;
    private static Http http;
    private static Browser owner;
    private static Browser member;
    private static String base;

    @BeforeAll
    static void start() {
        server = DevServer.start(DevServerOptions.ephemeral()
                .withDynamoDb(DynamoDbLocal.shared().endpoint(), "console-apps-" + UUID.randomUUID())
                .withClock(CLOCK));
        http = new Http(server);
        base = server.config().linkBaseUrl().toString().replaceAll("/$", "");
        owner = Browser.start();
        member = Browser.start();
    }

    @AfterAll
    static void stop() {
        try (Browser a = owner; Browser b = member) {
            // closed in reverse order, even if one fails
        } finally {
            server.close();
        }
    }

    @BeforeEach
    void freshLogs() {
        for (Browser browser : new Browser[] {owner, member}) {
            browser.open(base + "/sign-in"); // away from Chromium's own start page, whose requests are not the console's
            browser.consoleMessages();
            browser.requestedUrls();
        }
    }

    @AfterEach
    void nothingLeftTheOrigin() {
        Pattern apiRefusal = Pattern.compile("SEVERE " + Pattern.quote(base)
                + "/v1/\\S+ - Failed to load resource: the server responded with a status of 4\\d\\d .*");
        for (Browser browser : new Browser[] {owner, member}) {
            assertThat(browser.consoleMessages()).as("the browser console (CSP violations, errors)")
                    .noneMatch(message -> message.contains("Content Security Policy"))
                    .noneMatch(message -> message.startsWith("SEVERE") && !apiRefusal.matcher(message).matches());
            assertThat(browser.requestedUrls()).as("every request the pages made").isNotEmpty()
                    .allMatch(url -> url.startsWith(base + "/") || url.startsWith("data:"), "goes to " + base);
        }
    }

    @Test
    @DisplayName("case=create an application → invite by email → the invitee signs up from the mailed link and accepts "
            + "→ role changed → MFA requirement previewed → the member leaves → the owner deletes the account with a code")
    void applicationJourney() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String ownerEmail = "owner-" + suffix + "@example.com";
        String memberEmail = "member-" + suffix + "@example.com";
        createAccount(ownerEmail);

        owner.open(base + "/sign-in");
        owner.type("#si-email", ownerEmail);
        owner.type("#si-password", PASSWORD);
        owner.click("#sign-in-form button[type=submit]");
        owner.waitForPath("/profile");
        owner.click("nav a[href='/applications']");
        owner.waitForPath("/applications");
        owner.waitForText("#apps-table tbody", "No applications");
        owner.type("#ca-name", "Acme Billing");
        owner.click("#create-app-form button[type=submit]");
        owner.waitForPath("/application");
        owner.waitForText("#app-name", "Acme Billing");
        owner.waitForText("#app-role", "owner");
        String appId = java.net.URI.create(owner.driver.getCurrentUrl()).getQuery().replace("id=", "");

        // invite someone without an account yet: the mail leads to signup, then to the same link
        owner.type("#in-invitee", memberEmail);
        owner.find("#in-role").sendKeys("Developer");
        owner.click("#invite-form button[type=submit]");
        owner.waitForText("#status", "invitation to " + memberEmail + " is sent");
        owner.waitForText("#invitations-table tbody", memberEmail);
        owner.screenshot("apps-01-invited");

        member.open(mailedLink(memberEmail, "accept-invitation"));
        member.visible("#ai-signed-out");
        assertThat(member.driver.getCurrentUrl()).doesNotContain("token");
        member.click("#ai-sign-up");
        member.waitForPath("/sign-up");
        member.type("#su-email", memberEmail);
        member.type("#su-name", "Grace Hopper");
        member.click("#sign-up-form button[type=submit]");
        member.visible("#sign-up-sent");
        member.open(mailedLink(memberEmail, "verify-email"));
        member.type("#ve-password", PASSWORD);
        member.click("#verify-form button[type=submit]");
        member.waitForPath("/accept-invitation");
        member.visible("#ai-signed-in");
        member.screenshot("apps-02-accept");
        member.click("#ai-accept");
        member.waitForPath("/application");
        member.waitForText("#app-role", "developer");
        member.waitForText("#status", "You joined Acme Billing");
        assertThat(member.findAll("#invite-form:not([hidden]), #mfa-roles-form:not([hidden]), #app-delete")).isEmpty();
        assertThat(member.script("return sessionStorage.getItem('latchkey.invitation')")).isNull();

        // the owner sees the member and makes them an operator
        owner.driver.navigate().refresh();
        owner.waitForText("#members-table tbody", "Grace Hopper");
        owner.waitForText("#invitations-table tbody", "No open invitations");
        String memberId = owner.find("#members-table tbody tr:nth-child(2)").getAttribute("data-member");
        owner.find("#role-" + memberId).sendKeys("operator");
        owner.click("tr[data-member='" + memberId + "'] button[aria-label='Change the role of Grace Hopper']");
        owner.waitForText("#status", "Grace Hopper is now an operator");

        // the MFA requirement: the preview names who would be blocked; saving it needs the owner's own MFA on
        owner.click("label[for='mr-operator']");
        owner.click("#mfa-roles-form button[type=submit]");
        owner.waitForText("#mfa-preview", "Grace Hopper (operator)");
        owner.screenshot("apps-03-mfa-preview");
        owner.click("#mfa-roles-save");
        owner.waitForText("#mr-owner-error", "two-factor");

        member.driver.navigate().refresh();
        member.waitForText("#app-role", "operator");
        member.click("#app-leave");
        member.click("dialog[open] button[type=submit]");
        member.waitForPath("/applications");
        member.waitForText("#status", "You left Acme Billing");
        member.waitForText("#apps-table tbody", "No applications");

        // the owner turns two-factor on (over HTTP) and deletes the account from its page, with a code
        String token = (String) owner.script("return JSON.parse(sessionStorage.getItem('latchkey.session')).token");
        String secret = Http.json(http.call("POST", "/v1/me/mfa/totp", null, token)).get("secret").asText();
        HttpResponse<String> verified = http.call("POST", "/v1/me/mfa/totp/verify",
                "{\"code\":\"" + code(secret) + "\",\"password\":\"" + PASSWORD + "\"}", token);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        // an application requiring two-factor of its owner blocks turning it off: the page shows the API's detail
        HttpResponse<String> required = http.call("PATCH", "/v1/applications/" + appId,
                "{\"mfaRequiredRoles\":[\"owner\"]}", token);
        assertThat(required.statusCode()).as(required.body()).isEqualTo(200);
        CLOCK.advance(Duration.ofSeconds(30));
        owner.click("nav a[href='/two-factor']");
        owner.waitForPath("/two-factor");
        owner.type("#md-password", PASSWORD);
        owner.type("#md-code", code(secret));
        owner.click("#mfa-disable-form button[type=submit]");
        owner.waitForText("#mfa-disable-form .form-error", "Acme Billing (owner)");
        owner.screenshot("apps-04-two-factor-required-by-application");

        CLOCK.advance(Duration.ofSeconds(30));
        owner.click("nav a[href='/delete-account']");
        owner.waitForPath("/delete-account");
        owner.waitForText("#da-owned-list", "Acme Billing (1 member)");
        owner.type("#da-password", PASSWORD);
        owner.type("#da-code", code(secret));
        owner.screenshot("apps-05-delete-account");
        owner.click("#delete-form button[type=submit]");
        owner.visible("#da-done");
        assertThat(owner.find("#da-done a").getAttribute("href")).endsWith("/sign-up");
        assertThat(owner.script("return sessionStorage.getItem('latchkey.session')")).isNull();
        assertThat(http.call("GET", "/v1/me", null, token).statusCode()).isEqualTo(401);
        owner.open(base + "/profile");
        owner.waitForPath("/sign-in");
    }

    /** An account made over HTTP; its first session's token. */
    private static String createAccount(String email) {
        return http.signUp(email, PASSWORD);
    }

    /** The last link to {@code /page#token=…} the outbox mailed to {@code email}. */
    private static String mailedLink(String email, String page) {
        return http.mailedLink(email, page, base);
    }

    private static String code(String secret) throws Exception {
        return APP.generate(secret, Math.floorDiv(CLOCK.instant().getEpochSecond(), 30));
    }
}
