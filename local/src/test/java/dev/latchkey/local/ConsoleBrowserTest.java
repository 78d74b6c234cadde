package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser (Debian's headless Chromium through Selenium) against the dev server: the
 * journeys of issue 13 by clicking and typing, the mailed links opened from the outbox. After each journey: no
 * console error (a CSP violation is one) and no request to any origin but the dev server's. Screenshots go to
 * target/screenshots/.
 */
@DisplayName("The console in Chromium")
class ConsoleBrowserTest {
    private static final String PASSWORD = "correct horse battery staple";
    private static final DefaultCodeGenerator APP = new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6);
    private static final MovableClock CLOCK = new MovableClock();
    private static DevServer server;
    private static Http http;
    private static Browser browser;
    /** The console's origin: the mail links' base URL, http://localhost:PORT. */
    private static String base;

    @BeforeAll
    static void start() {
        server = DevServer.start(DevServerOptions.ephemeral()
                .withDynamoDb(DynamoDbLocal.shared().endpoint(), "console-" + UUID.randomUUID())
                .withClock(CLOCK));
        http = new Http(server);
        base = server.config().linkBaseUrl().toString().replaceAll("/$", "");
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            server.close();
        }
    }

    @BeforeEach
    void signedOut() {
        browser.reset(base);
    }

    @AfterEach
    void nothingLeftTheOrigin() {
        Browser.assertStayedOn(base, browser.assertCleanConsole(base));
    }

    @Test
    @DisplayName("case=sign up → mailed link → password → two-factor on → sign out → sign in with a code → API key "
            + "shown once → end another session → change the password")
    void wholeAccountJourney() throws Exception {
        String email = "console-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        browser.open(base + "/sign-up");
        browser.type("#su-email", email);
        browser.type("#su-name", "Ada Lovelace");
        browser.click("#sign-up-form button[type=submit]");
        browser.waitForText("#sign-up-sent", email);
        browser.screenshot("journey-01-sign-up-sent");

        String link = mailedLink(email, "verify-email");
        browser.open(link);
        browser.type("#ve-password", PASSWORD);
        assertThat(URI.create(browser.driver.getCurrentUrl()).getFragment()).as("the token left the address bar").isNull();
        browser.click("#verify-form button[type=submit]");
        browser.waitForPath("/profile");
        browser.waitForText("#profile-email", email);
        browser.waitForText("#status", "confirmed");
        browser.screenshot("journey-02-profile");

        // two-factor: the secret read from the page, the code computed here as an authenticator app would
        browser.click("nav a[href='/two-factor']");
        browser.waitForPath("/two-factor");
        browser.click("#mfa-start");
        browser.wait.until(d -> !browser.find("#mfa-secret").getText().isBlank());
        String secret = browser.visible("#mfa-secret").getText();
        assertThat(secret).matches("[A-Z2-7]{32}");
        WebElement qr = browser.find("#mfa-qr");
        assertThat(qr.getAttribute("src")).startsWith("data:image/png;base64,");
        assertThat((Long) browser.script("return arguments[0].naturalWidth", qr)).isPositive();
        browser.screenshot("journey-03-two-factor-setup");
        browser.type("#mv-code", code(secret));
        browser.type("#mv-password", PASSWORD);
        browser.click("#mfa-verify-form button[type=submit]");
        browser.visible("#mfa-codes");
        List<String> codes = browser.findAll("#mfa-code-list li").stream().map(WebElement::getText).toList();
        assertThat(codes).hasSize(10).allMatch(c -> c.matches("[0-9a-z]{4}(-[0-9a-z]{4}){5}"));
        assertThat(browser.find("#mfa-download").getAttribute("download")).endsWith(".txt");
        assertThat(URI.create(browser.find("#mfa-download").getAttribute("href")).getSchemeSpecificPart())
                .contains(codes.getFirst(), codes.getLast());
        browser.waitForText("#mfa-left", "10");
        browser.screenshot("journey-04-recovery-codes");

        browser.click("#sign-out");
        browser.waitForPath("/sign-in");
        browser.waitForText("#status", "signed out");

        // sign in: the code field appears on mfa_required, with a switch to a recovery code and back
        browser.type("#si-email", email);
        browser.type("#si-password", PASSWORD);
        browser.click("#sign-in-form button[type=submit]");
        browser.visible("#si-code");
        assertThat(browser.find("#si-code-error").getText()).isNotBlank();
        browser.click("#si-code-field [data-switch]");
        assertThat(browser.visible("#si-recovery").isDisplayed()).isTrue();
        assertThat(browser.find("#si-code").isDisplayed()).isFalse();
        browser.click("#si-recovery-field [data-switch]");
        CLOCK.advance(Duration.ofSeconds(30)); // the enrolment spent this step's code
        browser.type("#si-code", code(secret));
        browser.screenshot("journey-05-sign-in-with-code");
        browser.click("#sign-in-form button[type=submit]");
        browser.waitForPath("/profile");
        browser.waitForText("#profile-mfa", "On");

        // an API key, shown once
        browser.click("nav a[href='/api-keys']");
        browser.waitForPath("/api-keys");
        browser.type("#ck-name", "ci-deploy");
        browser.type("#ck-description", "Deploys from CI");
        browser.find("#ck-expiry").sendKeys("In 90 days");
        browser.click("#create-key-form button[type=submit]");
        browser.visible("#new-key");
        String key = browser.find("#new-key-value").getText();
        assertThat(key).matches("lk_k_[0-9A-Za-z]{38}");
        assertThat(browser.find("#new-key .warning").getText()).contains("only time");
        browser.waitForText("#keys-table tbody", "ci-deploy");
        browser.screenshot("journey-06-api-key-once");
        assertThat(http.call("GET", "/v1/me", null, key).statusCode()).isEqualTo(200);
        browser.driver.navigate().refresh();
        browser.waitForText("#keys-table tbody", "Deploys from CI");
        assertThat(browser.find("#new-key").isDisplayed()).isFalse();
        assertThat(browser.driver.getPageSource()).doesNotContain(key);

        // another session (a second device, signed in over HTTP), ended from the sessions page
        CLOCK.advance(Duration.ofSeconds(30));
        HttpResponse<String> other = http.post("/v1/sessions", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"mfaCode\":\"" + code(secret) + "\"}");
        assertThat(other.statusCode()).as(other.body()).isEqualTo(201);
        String otherToken = Http.json(other).at("/session/token").asText();
        String otherId = Http.json(other).at("/session/id").asText();
        browser.click("nav a[href='/sessions']");
        browser.waitForPath("/sessions");
        browser.wait.until(d -> browser.findAll("#sessions-table tbody tr").size() == 2);
        assertThat(browser.find("tr.current #this-device").getText()).isEqualTo("This device");
        browser.screenshot("journey-07-sessions");
        browser.click("tr[data-session='" + otherId + "'] button");
        browser.wait.until(d -> browser.findAll("#sessions-table tbody tr").size() == 1);
        browser.waitForText("#status", "ended");
        assertThat(http.call("GET", "/v1/me", null, otherToken).statusCode()).isEqualTo(401);

        // change the password: a wrong current one is shown beside its field first
        browser.click("nav a[href='/password']");
        browser.waitForPath("/password");
        browser.type("#pw-current", "not my password at all");
        browser.type("#pw-new", "purple monkey dishwasher lantern");
        browser.click("#password-form button[type=submit]");
        assertFieldError("#pw-current");
        browser.screenshot("journey-08-password-wrong");
        browser.type("#pw-current", PASSWORD);
        browser.type("#pw-new", "purple monkey dishwasher lantern");
        browser.click("#password-form button[type=submit]");
        browser.waitForText("#status", "password is changed");
        assertThat(browser.find("#pw-current").getAttribute("aria-invalid")).isNull();
        browser.click("nav a[href='/profile']");
        browser.waitForText("#profile-email", email); // the new token carries on
    }

    @Test
    @DisplayName("case=forgot the password → the mailed link → a new password → sign in with it")
    void forgotPassword() {
        String email = "forgot-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        createAccount(email);

        browser.open(base + "/sign-in");
        browser.click("a[href='/forgot-password']");
        browser.waitForPath("/forgot-password");
        browser.type("#fp-email", email);
        browser.click("#forgot-form button[type=submit]");
        browser.visible("#forgot-sent");
        browser.screenshot("forgot-01-sent");

        browser.open(mailedLink(email, "reset-password"));
        browser.type("#rp-password", "short");
        browser.click("#reset-form button[type=submit]");
        assertFieldError("#rp-password");
        browser.type("#rp-password", "a brand new passphrase");
        browser.screenshot("forgot-02-new-password");
        browser.click("#reset-form button[type=submit]");
        browser.waitForPath("/sign-in");
        browser.waitForText("#status", "password is changed");

        browser.type("#si-email", email);
        browser.type("#si-password", "a brand new passphrase");
        browser.click("#sign-in-form button[type=submit]");
        browser.waitForPath("/profile");
        browser.waitForText("#profile-email", email);
    }

    @Test
    @DisplayName("case=profile: a taken username beside its field, then a new name and username; email change → the mailed link → the new address")
    void profileAndEmailChange() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String email = "profile-" + id + "@example.com";
        createAccount(email);
        String other = createAccount("profile-other-" + id + "@example.com");
        assertThat(http.call("PATCH", "/v1/me", "{\"username\":\"taken-" + id + "\"}", other).statusCode()).isEqualTo(200);

        browser.type("#si-email", email);
        browser.type("#si-password", PASSWORD);
        browser.click("#sign-in-form button[type=submit]");
        browser.waitForPath("/profile");
        browser.type("#pf-name", "Grace Hopper");
        browser.type("#pf-username", "taken-" + id);
        browser.click("#profile-form button[type=submit]");
        assertFieldError("#pf-username");
        browser.type("#pf-username", "grace-" + id);
        browser.click("#profile-form button[type=submit]");
        browser.waitForText("#profile-username", "grace-" + id);
        browser.waitForText("#profile-name", "Grace Hopper");
        browser.screenshot("profile-01-saved");

        String newEmail = "profile-new-" + id + "@example.com";
        browser.type("#em-email", newEmail);
        browser.type("#em-password", PASSWORD);
        browser.click("#email-form button[type=submit]");
        browser.waitForText("#status", newEmail);
        browser.open(mailedLink(newEmail, "confirm-email"));
        browser.click("#confirm-email-form button[type=submit]");
        browser.waitForPath("/profile");
        browser.waitForText("#profile-email", newEmail);
        browser.screenshot("profile-02-new-address");
    }

    @Test
    @DisplayName("case=errors: a wrong password in the form's alert, a bad username beside its field, both announced")
    void errorsBesideTheirFields() {
        String email = "errors-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        createAccount(email);

        browser.type("#si-email", email);
        browser.type("#si-password", "wrong password entirely");
        browser.click("#sign-in-form button[type=submit]");
        WebElement alert = browser.visible("#sign-in-form .form-error");
        assertThat(alert.getText()).isNotBlank();
        assertThat(alert.getAttribute("role")).isEqualTo("alert");
        assertThat(alert.getAttribute("aria-live")).isEqualTo("assertive");
        browser.screenshot("errors-01-wrong-password");

        browser.open(base + "/sign-up");
        browser.type("#su-email", "someone-else@example.com");
        browser.type("#su-username", "Not Valid!");
        browser.click("#sign-up-form button[type=submit]");
        assertFieldError("#su-username");
        assertThat(browser.find("#su-email").getAttribute("aria-invalid")).isNull();
        browser.screenshot("errors-02-field");

        // the pages of a signed-in account send a tab without a session to the sign-in page
        browser.open(base + "/api-keys");
        browser.waitForPath("/sign-in");
    }

    @Test
    @DisplayName("case=two-factor on: reset needs a code (a recovery code via the switch) → sign in with a recovery "
            + "code → new recovery codes → turn it off")
    void twoFactorManagement() throws Exception {
        String email = "mfa-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String token = createAccount(email);
        HttpResponse<String> enrolled = http.call("POST", "/v1/me/mfa/totp", null, token);
        String secret = Http.json(enrolled).get("secret").asText();
        HttpResponse<String> verified = http.call("POST", "/v1/me/mfa/totp/verify",
                "{\"code\":\"" + code(secret) + "\",\"password\":\"" + PASSWORD + "\"}", token);
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        List<String> recovery = new java.util.ArrayList<>();
        Http.json(verified).get("recoveryCodes").forEach(c -> recovery.add(c.asText()));

        // a reset needs the second factor: the code field appears beside the problem, a recovery code does it
        browser.open(base + "/forgot-password");
        browser.type("#fp-email", email);
        browser.click("#forgot-form button[type=submit]");
        browser.visible("#forgot-sent");
        browser.open(mailedLink(email, "reset-password"));
        browser.type("#rp-password", "another good passphrase");
        browser.click("#reset-form button[type=submit]");
        assertFieldError("#rp-code");
        browser.screenshot("mfa-01-reset-needs-a-code");
        browser.click("#rp-code-field [data-switch]");
        browser.type("#rp-recovery", recovery.get(0));
        browser.click("#reset-form button[type=submit]");
        browser.waitForPath("/sign-in");
        browser.waitForText("#status", "password is changed");

        browser.type("#si-email", email);
        browser.type("#si-password", "another good passphrase");
        browser.click("#sign-in-form button[type=submit]");
        browser.visible("#si-code");
        browser.click("#si-code-field [data-switch]");
        browser.type("#si-recovery", recovery.get(1));
        browser.click("#sign-in-form button[type=submit]");
        browser.waitForPath("/profile");
        browser.waitForText("#profile-recovery", "8");

        browser.click("nav a[href='/two-factor']");
        browser.waitForPath("/two-factor");
        browser.waitForText("#mfa-left", "8");
        CLOCK.advance(Duration.ofSeconds(30));
        browser.type("#mr-password", "another good passphrase");
        browser.type("#mr-code", code(secret));
        browser.click("#mfa-regenerate-form button[type=submit]");
        browser.waitForText("#mfa-left", "10");
        List<String> fresh = browser.findAll("#mfa-code-list li").stream().map(WebElement::getText).toList();
        assertThat(fresh).hasSize(10).doesNotContainAnyElementsOf(recovery);
        browser.screenshot("mfa-02-new-recovery-codes");

        browser.type("#md-password", "another good passphrase");
        browser.type("#md-code", fresh.get(0));
        browser.click("#mfa-disable-form button[type=submit]");
        browser.visible("#mfa-off");
        browser.waitForText("#status", "off");
        assertThat(browser.find("#mfa-codes").isDisplayed()).isFalse();
        HttpResponse<String> passwordOnly = http.post("/v1/sessions",
                "{\"email\":\"" + email + "\",\"password\":\"another good passphrase\"}");
        assertThat(passwordOnly.statusCode()).as(passwordOnly.body()).isEqualTo(201);
    }

    @Test
    @DisplayName("case=keyboard only: sign in and reach the API keys; a key after 15 minutes asks for the password; "
            + "regenerate and revoke through their dialogs; the session ended elsewhere leads back to sign-in")
    void keyboardAndApiKeyDialogs() {
        String email = "keys-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        createAccount(email);

        browser.open(base + "/sign-in");
        browser.visible("#si-email");
        browser.tabTo("#si-email");
        browser.keys(email, Keys.TAB, PASSWORD, Keys.ENTER);
        browser.waitForPath("/profile");
        browser.waitForText("#profile-email", email);
        browser.tabTo("nav a[href='/api-keys']");
        browser.keys(Keys.ENTER);
        browser.waitForPath("/api-keys");
        browser.tabTo("#ck-name");
        browser.keys("first", Keys.ENTER);
        browser.visible("#new-key");
        String first = browser.find("#new-key-value").getText();

        // a sign-in more than 15 minutes ago: the password field appears with the problem beside it
        CLOCK.advance(Duration.ofMinutes(16));
        browser.type("#ck-name", "second");
        browser.click("#create-key-form button[type=submit]");
        assertFieldError("#ck-password");
        browser.keys(PASSWORD, Keys.ENTER);
        browser.waitForText("#new-key-name", "second");
        String second = browser.find("#new-key-value").getText();
        assertThat(browser.find("#ck-password").isDisplayed()).isFalse();

        browser.click("tr[data-key] button[aria-label='Regenerate first']");
        browser.visible("dialog[open]");
        browser.assertEveryFieldLabelled();
        assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("Regenerate");
        browser.keys(Keys.ENTER);
        assertFieldError("#rk-password");
        browser.screenshot("keys-01-regenerate-asks-for-the-password");
        browser.keys(PASSWORD, Keys.ENTER);
        browser.wait.until(d -> browser.findAll("dialog").isEmpty());
        browser.waitForText("#new-key-name", "first");
        String regenerated = browser.find("#new-key-value").getText();
        assertThat(regenerated).isNotEqualTo(first).startsWith("lk_k_");
        assertThat(http.call("GET", "/v1/me", null, first).statusCode()).isEqualTo(401);
        assertThat(http.call("GET", "/v1/me", null, regenerated).statusCode()).isEqualTo(200);

        browser.click("tr[data-key] button[aria-label='Revoke second']");
        browser.visible("dialog[open]");
        browser.keys(Keys.ESCAPE);
        browser.wait.until(d -> browser.findAll("dialog").isEmpty());
        assertThat(browser.findAll("#keys-table tbody tr")).hasSize(2);
        browser.click("tr[data-key] button[aria-label='Revoke second']");
        browser.click("dialog[open] button[type=submit]");
        browser.wait.until(d -> browser.findAll("#keys-table tbody tr").size() == 1);
        browser.waitForText("#status", "revoked");
        assertThat(http.call("GET", "/v1/me", null, second).statusCode()).isEqualTo(401);
        // revoking another key leaves the secret just shown on display (it is never shown again) …
        assertThat(browser.find("#new-key").isDisplayed()).isTrue();
        assertThat(browser.find("#new-key-value").getText()).isEqualTo(regenerated);
        // … revoking the key on display takes it away
        browser.click("tr[data-key] button[aria-label='Revoke first']");
        browser.click("dialog[open] button[type=submit]");
        browser.wait.until(d -> browser.findAll("#keys-table tbody tr[data-key]").isEmpty());
        assertThat(browser.find("#new-key").isDisplayed()).isFalse();

        // the browser's session ended elsewhere: its next request clears the tab's token and goes to sign-in
        HttpResponse<String> elsewhere = http.post("/v1/sessions",
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}");
        String token = Http.json(elsewhere).at("/session/token").asText();
        String browserSession = (String) browser.script("return JSON.parse(sessionStorage.getItem('latchkey.session')).id");
        assertThat(http.call("DELETE", "/v1/sessions/" + browserSession, null, token).statusCode()).isEqualTo(204);
        browser.click("nav a[href='/sessions']");
        browser.waitForPath("/sign-in");
        browser.waitForText("#status", "session has ended");
        assertThat(browser.script("return sessionStorage.getItem('latchkey.session')")).isNull();
    }

    @Test
    @DisplayName("case=the Content-Security-Policy is enforced: an injected inline script is refused and reported")
    void contentSecurityPolicyIsEnforced() {
        browser.open(base + "/sign-in");
        browser.visible("#si-email");
        browser.script("const s = document.createElement('script'); s.textContent = 'window.injected = true';"
                + " document.head.append(s);");
        assertThat(browser.script("return window.injected === true")).isEqualTo(false);
        assertThat(browser.consoleMessages()).anyMatch(message -> message.contains("Content Security Policy"));
    }

    /** The input is marked invalid, focused, and its error line (aria-live, in its aria-describedby) says why. */
    private static void assertFieldError(String input) {
        WebElement line = browser.visible(input + "-error");
        assertThat(line.getText()).isNotBlank();
        assertThat(line.getAttribute("aria-live")).isEqualTo("polite");
        WebElement field = browser.find(input);
        assertThat(field.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(field.getAttribute("aria-describedby")).contains(input.substring(1) + "-error");
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(field);
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
