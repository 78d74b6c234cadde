package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

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
    /** The colour of errors (--danger), as getCssValue answers it. */
    private static final String DANGER = "rgba(180, 35, 24, 1)";
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
        owner.reset(base);
        member.reset(base);
    }

    @AfterEach
    void nothingLeftTheOrigin() {
        List<String> requested = new ArrayList<>(owner.assertCleanConsole(base));
        requested.addAll(member.assertCleanConsole(base)); // a test may use one of the two profiles only
        Browser.assertStayedOn(base, requested);
    }

    @Test
    @DisplayName("case=create an application → invite by email → the invitee signs up from the mailed link and accepts "
            + "→ role changed → MFA requirement previewed → the member leaves → the owner deletes the account with a code")
    void applicationJourney() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String ownerEmail = "owner-" + suffix + "@example.com";
        String memberEmail = "member-" + suffix + "@example.com";
        createAccount(ownerEmail);

        signIn(owner, ownerEmail, null);
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
        owner.waitForText("#mr-roles-error", "two-factor"); // under the whole group, not beside one of its boxes

        member.driver.navigate().refresh();
        member.waitForText("#app-role", "operator");
        member.click("#app-leave");
        member.click("dialog[open] button[type=submit]");
        member.waitForPath("/applications");
        member.waitForText("#status", "You left Acme Billing");
        member.waitForText("#apps-table tbody", "No applications");

        // the owner turns two-factor on (over HTTP) and deletes the account from its page, with a code
        String token = (String) owner.script("return JSON.parse(sessionStorage.getItem('latchkey.session')).token");
        String secret = turnOnMfa(token);
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

    @Test
    @DisplayName("case=the owner renames the application, changes a role, removes a member, resends and cancels an "
            + "invitation (from the keyboard); after each the page and the server agree")
    void ownerManagesMembersAndInvitations() throws Exception {
        String newHire = "new-hire-" + suffix() + "@example.com";
        Account ada = account("Ada Lovelace");
        Account grace = account("Grace Hopper");
        Account linus = account("Linus Torvalds");
        String appId = application(ada, "Acme Billing", grace, "developer");
        join(ada, appId, linus, "observer");
        invite(ada.token(), appId, newHire, "operator");

        signIn(owner, ada.email(), null);
        owner.open(base + "/application?id=" + appId);
        owner.waitForPath("/application");
        owner.waitForText("#members-table tbody", "Linus Torvalds");
        owner.waitForText("#invitations-table tbody", newHire);
        assertThat(owner.findAll("#members-table tbody tr")).hasSize(3);
        readmeScreenshot();

        // rename: an empty name is refused beside the field, a new one shows at once and is the server's
        owner.type("#rn-name", " ");
        owner.click("#rename-form button[type=submit]");
        owner.waitForText("#rn-name-error", "name");
        owner.type("#rn-name", "Acme Payments");
        owner.click("#rename-form button[type=submit]");
        owner.waitForText("#status", "The application is renamed.");
        owner.waitForText("#app-name", "Acme Payments");
        assertThat(owner.driver.getTitle()).startsWith("Acme Payments");
        assertThat(owner.find("#rn-name-error").getText()).isEmpty();
        assertThat(application(ada.token(), appId).get("name").asText()).isEqualTo("Acme Payments");

        // a role: developer → operator
        new Select(owner.find("#role-" + grace.id())).selectByValue("operator");
        owner.click("button[aria-label='Change the role of Grace Hopper']");
        owner.waitForText("#status", "Grace Hopper is now an operator.");
        assertThat(new Select(owner.find("#role-" + grace.id())).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("operator");
        assertThat(roles(ada.token(), appId)).containsEntry(grace.id(), "operator");

        // remove, through its dialog
        owner.click("button[aria-label='Remove Linus Torvalds']");
        owner.waitForText("dialog[open] h2", "Remove Linus Torvalds?");
        owner.click("dialog[open] button[type=submit]");
        owner.waitForText("#status", "Linus Torvalds is removed.");
        owner.waitForText("#app-member-count", "2");
        assertThat(owner.findAll("tr[data-member='" + linus.id() + "']")).isEmpty();
        assertThat(roles(ada.token(), appId)).containsKey(grace.id()).doesNotContainKey(linus.id());
        expect(404, http.call("GET", "/v1/applications/" + appId, null, linus.token()));

        // resend: a new link is mailed and the old one dies
        String firstToken = http.lastLinkTo(newHire);
        owner.click("button[aria-label='Resend the invitation to " + newHire + "']");
        owner.waitForText("#status", "The invitation to " + newHire + " is sent again with a new link.");
        String secondToken = http.lastLinkTo(newHire);
        assertThat(secondToken).isNotEqualTo(firstToken);
        expect(400, decline(linus.token(), firstToken)); // unknown now
        expect(403, decline(linus.token(), secondToken)); // alive, and not Linus's to decline

        // cancel, from the keyboard
        owner.tabTo("button[aria-label='Cancel the invitation to " + newHire + "']");
        owner.keys(Keys.ENTER);
        owner.waitForText("#status", "The invitation to " + newHire + " is cancelled.");
        owner.waitForText("#invitations-table tbody", "No open invitations.");
        assertThat(invitations(ada.token(), appId)).isEmpty();
        expect(400, decline(linus.token(), secondToken));
        owner.screenshot("apps-06-owner-actions");
    }

    @Test
    @DisplayName("case=transfer ownership: the page asks for the owner's code, then the member owns it → the old owner, "
            + "a developer now, leaves → the new owner deletes the application")
    void transferLeaveAndDelete() throws Exception {
        Account ada = account("Ada Lovelace");
        Account grace = account("Grace Hopper");
        String appId = application(ada, "Acme Ledger", grace, "observer");
        String secret = turnOnMfa(ada.token());

        signIn(owner, ada.email(), secret);
        owner.open(base + "/application?id=" + appId);
        owner.waitForText("#tr-user", "Grace Hopper (observer)");
        new Select(owner.find("#tr-user")).selectByValue(grace.id());
        owner.click("#transfer-form button[type=submit]");
        owner.wait.until(d -> !owner.find("#tr-code-error").getText().isBlank());
        assertThat(owner.driver.switchTo().activeElement()).isEqualTo(owner.find("#tr-code"));
        assertThat(application(ada.token(), appId).get("role").asText()).isEqualTo("owner");
        owner.screenshot("apps-07-transfer-code");

        CLOCK.advance(Duration.ofSeconds(30));
        owner.type("#tr-code", code(secret));
        owner.click("#transfer-form button[type=submit]");
        owner.waitForText("#status", "Grace Hopper is the owner now; you are a developer.");
        owner.waitForText("#app-role", "developer");
        assertThat(owner.find("#transfer-form").isDisplayed()).isFalse();
        assertThat(owner.findAll("#app-delete")).isEmpty();
        assertThat(application(grace.token(), appId).get("role").asText()).isEqualTo("owner");
        assertThat(roles(grace.token(), appId)).containsEntry(ada.id(), "developer").containsEntry(grace.id(), "owner");

        owner.click("#app-leave");
        owner.click("dialog[open] button[type=submit]");
        owner.waitForPath("/applications");
        owner.waitForText("#status", "You left Acme Ledger.");
        owner.waitForText("#apps-table tbody", "No applications yet.");
        assertThat(roles(grace.token(), appId)).containsOnlyKeys(grace.id());
        expect(404, http.call("GET", "/v1/applications/" + appId, null, ada.token()));

        signIn(member, grace.email(), null);
        member.open(base + "/application?id=" + appId);
        member.waitForText("#app-role", "owner");
        member.click("#app-delete");
        member.waitForText("dialog[open] h2", "Delete Acme Ledger?");
        member.click("dialog[open] button[type=submit]");
        member.waitForPath("/applications");
        member.waitForText("#status", "Acme Ledger is deleted.");
        member.waitForText("#apps-table tbody", "No applications yet.");
        expect(404, http.call("GET", "/v1/applications/" + appId, null, grace.token()));
        assertThat(Http.json(expect(200, http.call("GET", "/v1/applications", null, grace.token()))).get("applications"))
                .isEmpty();
    }

    @Test
    @DisplayName("case=invitations for you: accepting one the application blocks (two-factor) shows the API's error in "
            + "its row → decline it → accept the other from the list")
    void invitationsReceived() throws Exception {
        Account ada = account("Ada Lovelace");
        Account grace = account("Grace Hopper");
        String billing = createApplication(ada.token(), "Acme Billing");
        String vault = createApplication(ada.token(), "Acme Vault");
        turnOnMfa(ada.token());
        expect(200, http.call("PATCH", "/v1/applications/" + vault, "{\"mfaRequiredRoles\":[\"operator\"]}", ada.token()));
        invite(ada.token(), billing, grace.email(), "developer");
        invite(ada.token(), vault, grace.email(), "operator");
        String vaultInvitation = invitations(ada.token(), vault).get(0).get("id").asText();

        signIn(member, grace.email(), null);
        member.click("nav a[href='/applications']");
        member.waitForPath("/applications");
        member.waitForText("#invitations-table tbody", "Acme Billing");
        member.waitForText("#invitations-table tbody", "Acme Vault");
        assertThat(member.find("tr[data-invitation='" + vaultInvitation + "']").getText())
                .contains("operator", "Ada Lovelace");

        String vaultRow = "tr[data-invitation='" + vaultInvitation + "']";
        member.click("button[aria-label='Accept the invitation to Acme Vault']");
        assertAlert(member, vaultRow + " [role=alert]", "two-factor");
        assertThat(member.find(vaultRow + " [role=alert] a").getAttribute("href")).endsWith("/two-factor");
        assertThat(roles(ada.token(), vault)).doesNotContainKey(grace.id());
        member.screenshot("apps-08-invitation-blocked");

        member.click("button[aria-label='Decline the invitation to Acme Vault']");
        member.waitForText("#status", "You declined the invitation to Acme Vault.");
        assertThat(member.findAll(vaultRow)).isEmpty();
        assertThat(invitations(ada.token(), vault)).isEmpty();
        assertThat(roles(ada.token(), vault)).doesNotContainKey(grace.id());

        member.click("button[aria-label='Accept the invitation to Acme Billing']");
        member.waitForPath("/application");
        member.waitForText("#app-name", "Acme Billing");
        member.waitForText("#app-role", "developer");
        member.waitForText("#status", "You joined Acme Billing as a developer.");
        assertThat(roles(ada.token(), billing)).containsEntry(grace.id(), "developer");
        assertThat(Http.json(expect(200, http.call("GET", "/v1/me/invitations", null, grace.token()))).get("invitations"))
                .isEmpty();
        member.click("nav a[href='/applications']");
        member.waitForText("#apps-table tbody", "Acme Billing");
        assertThat(member.find("#invitations").isDisplayed()).isFalse();
    }

    @Test
    @DisplayName("case=an invitation link opened by another account: the API's 403 as an alert, the invitation kept → "
            + "sign in as the invited account in the same tab → accept")
    void invitationLinkOfAnotherAccount() throws Exception {
        Account ada = account("Ada Lovelace");
        Account grace = account("Grace Hopper");
        Account eve = account("Eve");
        String appId = createApplication(ada.token(), "Acme Billing");
        invite(ada.token(), appId, grace.email(), "developer");
        String link = mailedLink(grace.email(), "accept-invitation");

        signIn(member, eve.email(), null);
        member.open(link);
        member.visible("#ai-signed-in");
        member.click("#ai-accept");
        assertAlert(member, "#ai-problem", "this invitation is for another account");
        member.screenshot("apps-09-invitation-of-another-account");
        member.click("#ai-decline"); // the click empties the alert at once
        assertAlert(member, "#ai-problem", "this invitation is for another account");
        assertThat(invitations(ada.token(), appId)).singleElement()
                .satisfies(invitation -> assertThat(invitation.get("email").asText()).isEqualTo(grace.email()));
        assertThat(Http.json(expect(200, http.call("GET", "/v1/applications", null, eve.token()))).get("applications"))
                .isEmpty();

        member.click("#ai-switch");
        member.waitForPath("/sign-in");
        member.waitForText("#status", "Sign in with the account the invitation was sent to.");
        submitSignIn(member, grace.email());
        member.waitForPath("/accept-invitation");
        member.click("#ai-accept");
        member.waitForPath("/application");
        member.waitForText("#status", "You joined Acme Billing as a developer.");
        assertThat(roles(ada.token(), appId)).containsEntry(grace.id(), "developer");
        assertThat(invitations(ada.token(), appId)).isEmpty();
    }

    @Test
    @DisplayName("case=errors of row buttons are alerts in the error style: a member gone meanwhile, the owner who cannot "
            + "leave (409), a page that cannot load")
    void rowErrorsAreAlerts() throws Exception {
        Account ada = account("Ada Lovelace");
        Account grace = account("Grace Hopper");
        String appId = application(ada, "Acme Billing", grace, "developer");

        signIn(owner, ada.email(), null);
        owner.open(base + "/application?id=" + appId);
        owner.waitForText("#members-table tbody", "Grace Hopper");
        // Grace leaves while the owner's page still lists her
        expect(204, http.call("DELETE", "/v1/applications/" + appId + "/members/" + grace.id(), null, grace.token()));
        String row = "tr[data-member='" + grace.id() + "']";
        new Select(owner.find("#role-" + grace.id())).selectByValue("observer");
        owner.click("button[aria-label='Change the role of Grace Hopper']");
        assertAlert(owner, row + " [role=alert]", "no such member");
        owner.script("arguments[0].scrollIntoView()", owner.find(row));
        owner.screenshot("apps-10-row-error");
        owner.click("button[aria-label='Change the role of Grace Hopper']"); // the click takes the alert away at once
        assertAlert(owner, row + " [role=alert]", "no such member");
        assertThat(owner.findAll(row + " [role=alert]")).as("one alert, not one per try").hasSize(1);
        owner.click("button[aria-label='Remove Grace Hopper']");
        owner.click("dialog[open] button[type=submit]");
        assertAlert(owner, "dialog[open] .form-error", "no such member");
        owner.click("dialog[open] button.secondary");

        // a developer's page, then ownership comes back to them: leaving is the API's 409, in the dialog
        join(ada, appId, grace, "developer");
        transfer(ada, appId, grace);
        owner.driver.navigate().refresh();
        owner.waitForText("#app-role", "developer");
        transfer(grace, appId, ada);
        owner.click("#app-leave");
        owner.click("dialog[open] button[type=submit]");
        assertAlert(owner, "dialog[open] .form-error", "the owner cannot leave");
        owner.click("dialog[open] button.secondary");
        assertThat(roles(ada.token(), appId)).containsEntry(ada.id(), "owner");

        owner.open(base + "/application?id=app_0000000000000000000000");
        assertAlert(owner, "#page-alert", "The page could not load");
    }

    /** docs/img/console-application.png: the owner's members and pending invitations, in a small window. */
    private static void readmeScreenshot() {
        Dimension size = owner.driver.manage().window().getSize();
        owner.driver.manage().window().setSize(new Dimension(1000, 860));
        owner.script("document.getElementById('members').scrollIntoView()");
        owner.screenshot("console-application");
        owner.driver.manage().window().setSize(size);
    }

    /** An error on the page: shown, an alert (announced at once) in the error style; the status line says nothing. */
    private static void assertAlert(Browser browser, String css, String text) {
        browser.waitForText(css, text);
        WebElement alert = browser.visible(css);
        assertThat(alert.getAttribute("role")).isEqualTo("alert");
        assertThat(alert.getCssValue("color")).as("the error colour").isEqualTo(DANGER);
        assertThat(browser.find("#status").getText()).isEmpty();
    }

    /** Signs the tab in through the sign-in page; with a secret, with the code the page then asks for. */
    private static void signIn(Browser browser, String email, String secret) throws Exception {
        browser.open(base + "/sign-in");
        submitSignIn(browser, email);
        if (secret != null) {
            CLOCK.advance(Duration.ofSeconds(30));
            browser.type("#si-code", code(secret));
            browser.click("#sign-in-form button[type=submit]");
        }
        browser.waitForPath("/profile");
    }

    private static void submitSignIn(Browser browser, String email) {
        browser.type("#si-email", email);
        browser.type("#si-password", PASSWORD);
        browser.click("#sign-in-form button[type=submit]");
    }

    /** An account made over HTTP: its address ({first name}-{random}@example.com), first session's token and id. */
    private record Account(String email, String token, String id) {
    }

    private static Account account(String name) {
        String email = name.split(" ")[0].toLowerCase(Locale.ROOT) + "-" + suffix() + "@example.com";
        String token = http.signUp(email, name, PASSWORD);
        return new Account(email, token, userId(token));
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    private static String userId(String token) {
        return Http.json(expect(200, http.call("GET", "/v1/me", null, token))).get("id").asText();
    }

    private static String createApplication(String token, String name) {
        return Http.json(expect(201, http.call("POST", "/v1/applications", "{\"name\":\"" + name + "\"}", token)))
                .get("id").asText();
    }

    /** An application {@code by} makes over HTTP, with {@code who} joined in {@code role}. */
    private static String application(Account by, String name, Account who, String role) {
        String appId = createApplication(by.token(), name);
        join(by, appId, who, role);
        return appId;
    }

    private static void invite(String token, String appId, String email, String role) {
        expect(202, http.call("POST", "/v1/applications/" + appId + "/invitations",
                "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}", token));
    }

    /** {@code by} invites {@code who}, who accepts with the mailed link's token. */
    private static void join(Account by, String appId, Account who, String role) {
        invite(by.token(), appId, who.email(), role);
        expect(201, http.call("POST", "/v1/invitations/accept",
                "{\"token\":\"" + http.lastLinkTo(who.email()) + "\"}", who.token()));
    }

    /** Ownership passes from {@code from} (two-factor off) to {@code to} over HTTP. */
    private static void transfer(Account from, String appId, Account to) {
        expect(200, http.call("POST", "/v1/applications/" + appId + "/owner", "{\"userId\":\"" + to.id() + "\"}", from.token()));
    }

    private static HttpResponse<String> decline(String token, String invitationToken) {
        return http.call("POST", "/v1/invitations/decline", "{\"token\":\"" + invitationToken + "\"}", token);
    }

    private static JsonNode application(String token, String appId) {
        return Http.json(expect(200, http.call("GET", "/v1/applications/" + appId, null, token)));
    }

    /** The open invitations of the application, as its owner reads them. */
    private static JsonNode invitations(String token, String appId) {
        return Http.json(expect(200, http.call("GET", "/v1/applications/" + appId + "/invitations", null, token)))
                .get("invitations");
    }

    /** The members' roles by user id, as the server has them. */
    private static Map<String, String> roles(String token, String appId) {
        Map<String, String> roles = new LinkedHashMap<>();
        for (JsonNode member : Http.json(expect(200, http.call("GET", "/v1/applications/" + appId + "/members", null, token)))
                .get("members")) {
            roles.put(member.get("userId").asText(), member.get("role").asText());
        }
        return roles;
    }

    /** Turns two-factor authentication on over HTTP; answers the secret. */
    private static String turnOnMfa(String token) throws Exception {
        String secret = Http.json(expect(201, http.call("POST", "/v1/me/mfa/totp", null, token))).get("secret").asText();
        expect(200, http.call("POST", "/v1/me/mfa/totp/verify",
                "{\"code\":\"" + code(secret) + "\",\"password\":\"" + PASSWORD + "\"}", token));
        return secret;
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
