package dev.latchkey.local.bench;

import dev.latchkey.application.Inviting;
import dev.latchkey.session.SignedIn;
import dev.latchkey.signup.SignupCommand;
import dev.latchkey.apikey.IssuedApiKey;
import dev.latchkey.config.Config;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.devkit.SamTemplate;
import dev.latchkey.error.DomainError;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.functions.wiring.SdkInterceptors;
import dev.latchkey.mail.MailMessage;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Principal;
import dev.latchkey.devkit.CapacityRecorder;
import java.io.PrintStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Request units per operation: every operation runs once through the app's own services (the code
 * each handler calls) against DynamoDB Local with {@code ReturnConsumedCapacity=TOTAL}, and what
 * DynamoDB reports is set beside the minimum its access pattern needs (docs/data-model.md).
 */
public final class CapacityBench {
    private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");
    private static final ClientInfo CLIENT = new ClientInfo("198.51.100.7", "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0");
    private static final String PASSWORD = "correct horse battery staple";

    /** What one operation consumed, and what it should. */
    public record Row(String operation, List<CapacityRecorder.Request> requests, double rcu, double wcu, Minimum minimum) {
        public boolean atMinimum() {
            return Math.abs(rcu - minimum.rcu()) < 1e-9 && Math.abs(wcu - minimum.wcu()) < 1e-9;
        }
    }

    /** The least an operation's access pattern can cost, and why. */
    public record Minimum(double rcu, double wcu, String why) {
    }

    private CapacityBench() {
    }

    public static List<Row> measure(PrintStream progress) {
        try (DynamoDbLocal dynamo = DynamoDbLocal.start(Optional.empty(), 0)) {
            String table = "capacity";
            DynamoDbLocal.createTable(dynamo.client(), SamTemplate.load(SamTemplate.locate()), table);
            CapacityRecorder recorder = new CapacityRecorder();
            SettableClock clock = new SettableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
            Config config = new Config(table, "us-east-1", Optional.of(dynamo.endpoint()), Config.MailTransport.OUTBOX,
                    Optional.empty(), "no-reply@latchkey.local", URI.create("http://localhost:3000"),
                    Config.MIN_PASSWORD_ITERATIONS, Duration.ofDays(7), Duration.ofHours(24));
            LatchkeyComponent app = Wiring.build(config, clock, new SdkInterceptors(List.of(recorder)));
            return new Scenario(app, recorder, clock, progress).run();
        }
    }

    /** A Markdown table of the rows. */
    public static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| operation | requests (as DynamoDB reported them) | RCU | WCU | minimum RCU / WCU | at minimum | why that is the minimum |\n");
        out.append("|---|---|---:|---:|---|---|---|\n");
        for (Row row : rows) {
            out.append("| ").append(row.operation()).append(" | ")
                    .append(String.join(", ", row.requests().stream().map(CapacityRecorder.Request::toString).toList()))
                    .append(" | ").append(fmt(row.rcu())).append(" | ").append(fmt(row.wcu()))
                    .append(" | ").append(fmt(row.minimum().rcu())).append(" / ").append(fmt(row.minimum().wcu()))
                    .append(" | ").append(row.atMinimum() ? "yes" : "**no**")
                    .append(" | ").append(row.minimum().why()).append(" |\n");
        }
        return out.toString();
    }

    private static String fmt(double units) {
        return units == Math.rint(units) ? String.valueOf((long) units) : String.format(Locale.ROOT, "%.1f", units);
    }

    private static final class Scenario {
        private final LatchkeyComponent app;
        private final CapacityRecorder recorder;
        private final SettableClock clock;
        private final PrintStream progress;
        private final List<Row> rows = new ArrayList<>();

        Scenario(LatchkeyComponent app, CapacityRecorder recorder, SettableClock clock, PrintStream progress) {
            this.app = app;
            this.recorder = recorder;
            this.clock = clock;
            this.progress = progress;
        }

        List<Row> run() {
            measure("POST /v1/signup (new email, with username)", () -> app.signingUp().signUp(
                    new SignupCommand("ada@example.com", "Ada", "ada"), CLIENT.ip()));
            String link = lastToken("ada@example.com");
            measure("POST /v1/signup/confirm (with username)", () -> app.confirmingSignup().confirm(link, PASSWORD, CLIENT));
            measure("POST /v1/signup (existing email)", () -> app.signingUp().signUp(new SignupCommand("ada@example.com", null, null), CLIENT.ip()));
            measure("POST /v1/signup (new email, no username)", () -> app.signingUp().signUp(new SignupCommand("bob@example.com", null, null), CLIENT.ip()));
            String bobLink = lastToken("bob@example.com");
            measure("POST /v1/signup/confirm (no username)", () -> app.confirmingSignup().confirm(bobLink, PASSWORD, CLIENT));

            SignedIn[] signedIn = new SignedIn[1];
            measure("POST /v1/sessions (right password)", () -> signedIn[0] = app.signingIn().signIn("ada@example.com", PASSWORD, CLIENT));
            measure("POST /v1/sessions (wrong password)", () -> expectError(() -> app.signingIn().signIn("ada@example.com", "wrong password", CLIENT)));
            String token = signedIn[0].session().token();
            Principal[] principal = new Principal[1];
            measure("Authorizer (session, used within the minute)", () -> principal[0] = app.authenticating().authenticate("Bearer " + token).orElseThrow());
            clock.advance(Duration.ofSeconds(61));
            measure("Authorizer (session, first use in a minute: records lastSeenAt)", () -> app.authenticating().authenticate("Bearer " + token).orElseThrow());
            measure("Authorizer (malformed or bad-checksum token)", () -> app.authenticating().authenticate("Bearer lk_s_nonsense"));
            measure("GET /v1/me", () -> app.readingProfile().profile(principal[0]));
            measure("GET /v1/sessions", () -> app.managingSessions().list(principal[0]));
            Principal[] refreshed = new Principal[1];
            measure("POST /v1/sessions/refresh", () -> {
                String fresh = app.managingSessions().refresh(principal[0], "Bearer " + token).token();
                refreshed[0] = principal[0];
                return fresh;
            });
            String other = app.signingIn().signIn("ada@example.com", PASSWORD, CLIENT).session().token();
            Principal otherPrincipal = app.authenticating().authenticate("Bearer " + other).orElseThrow();
            recorder.drain();
            measure("DELETE /v1/sessions/{id}", () -> {
                app.managingSessions().end(refreshed[0], otherPrincipal.sessionId());
                return null;
            });
            app.signingIn().signIn("ada@example.com", PASSWORD, CLIENT);
            recorder.drain();
            measure("PUT /v1/me/password (three sessions to end, one to make)", () -> {
                app.changingPassword().change(refreshed[0], PASSWORD, "a changed passphrase", CLIENT);
                return null;
            });
            measure("POST /v1/password-reset (known email)", () -> {
                app.resettingPassword().request("ada@example.com", "198.51.100.8");
                return null;
            });
            measure("POST /v1/password-reset (unknown email)", () -> {
                app.resettingPassword().request("nobody@example.com", "198.51.100.9");
                return null;
            });
            String resetLink = lastToken("ada@example.com");
            measure("POST /v1/password-reset/confirm (one session to end)", () -> {
                app.resettingPassword().confirm(resetLink, "a reset passphrase", null);
                return null;
            });
            String session = app.signingIn().signIn("ada@example.com", "a reset passphrase", CLIENT).session().token();
            Principal caller = acrossRequests(session);
            recorder.drain();
            IssuedApiKey[] key = new IssuedApiKey[1];
            measure("POST /v1/me/api-keys", session, c -> key[0] = app.managingApiKeys().create(c, "deploy", "CI", null, null));
            measure("GET /v1/me/api-keys", session, c -> app.managingApiKeys().list(c));
            measure("Authorizer (API key, first use: records lastUsedAt)", () -> app.authenticating().authenticate("Bearer " + key[0].key()).orElseThrow());
            measure("Authorizer (API key, used within the minute)", () -> app.authenticating().authenticate("Bearer " + key[0].key()).orElseThrow());
            measure("POST /v1/me/api-keys/{id}/regenerate", session, c -> app.managingApiKeys().regenerate(c, key[0].apiKey().id(), null));
            measure("DELETE /v1/me/api-keys/{id}", session, c -> {
                app.managingApiKeys().revoke(c, key[0].apiKey().id());
                return null;
            });

            String reset = "a reset passphrase";
            String[] secret = new String[1];
            measure("POST /v1/me/mfa/totp (starts a set-up)", session, c -> secret[0] = app.managingMfa().enrol(c).secret());
            measure("POST /v1/me/mfa/totp (a set-up is pending: the same secret)", session, c -> app.managingMfa().enrol(c));
            List<String> codes = new ArrayList<>();
            measure("POST /v1/me/mfa/totp/verify", session, c -> codes.addAll(app.managingMfa().verify(c, totp(secret[0]), reset)));
            clock.advance(Duration.ofSeconds(30));
            measure("GET /v1/me (MFA on: the count of recovery codes left)", session, c -> {
                app.readingProfile().profile(c);
                return app.mfaStatus().recoveryCodesLeft(c.userId());
            });
            measure("POST /v1/sessions (MFA on, TOTP code)", () -> app.signingIn().signIn("ada@example.com", reset, totp(secret[0]), null, null, CLIENT));
            measure("POST /v1/sessions (MFA on, recovery code)", () -> app.signingIn().signIn("ada@example.com", reset, null, codes.get(0), null, CLIENT));
            measure("POST /v1/sessions (MFA on, no code)", () -> expectError(() -> app.signingIn().signIn("ada@example.com", reset, CLIENT)));
            clock.advance(Duration.ofSeconds(30));
            measure("POST /v1/me/mfa/recovery-codes (TOTP code)", session, c -> app.managingMfa().regenerateRecoveryCodes(c, reset, totp(secret[0])));
            clock.advance(Duration.ofSeconds(30));
            measure("DELETE /v1/me/mfa/totp (TOTP code)", session, c -> {
                app.managingMfa().disable(c, reset, totp(secret[0]));
                return null;
            });

            // applications: Ada owns one, Bob joins through an invitation
            String bobToken = app.signingIn().signIn("bob@example.com", PASSWORD, CLIENT).session().token();
            Principal bob = acrossRequests(bobToken);
            recorder.drain();
            String[] appId = new String[1];
            measure("POST /v1/applications", session, c -> appId[0] = app.managingApplications().create(c, "Greenhouse").application().id());
            measure("GET /v1/applications/{appId}", session, c -> app.managingApplications().get(c, appId[0]));
            measure("GET /v1/applications (one)", session, c -> app.managingApplications().list(c));
            measure("PATCH /v1/applications/{appId} (name)", session, c -> app.managingApplications().update(c, appId[0], "Greenhouse EU", null));
            measure("POST /v1/applications/{appId}/invitations (email with an account)",
                    session, c -> {
                        app.inviting().invite(c, appId[0], "bob@example.com", null, "operator");
                        return null;
                    });
            measure("GET /v1/applications/{appId}/invitations (one)", session, c -> app.inviting().list(c, appId[0]));
            String invitationId = app.inviting().list(caller, appId[0]).getFirst().id();
            recorder.drain();
            measure("POST /v1/applications/{appId}/invitations/{id}/resend", session, c -> {
                app.inviting().resend(c, appId[0], invitationId);
                return null;
            });
            measure("GET /v1/me/invitations (one)", bobToken, c -> app.inviting().mine(c));
            String invitation = lastToken("bob@example.com");
            measure("POST /v1/invitations/accept (token)", bobToken, c -> app.inviting().accept(c, new Inviting.Reference(invitation, null, null)));
            measure("GET /v1/applications/{appId}/members (two)", session, c -> app.managingMembers().list(c, appId[0], null));
            measure("PATCH /v1/applications/{appId}/members/{userId}",
                    session, c -> app.managingMembers().changeRole(c, appId[0], bob.userId(), "developer"));
            measure("POST /v1/applications/{appId}/owner (MFA off)",
                    session, c -> app.managingApplications().transferOwnership(c, appId[0], bob.userId(), null, null));
            measure("DELETE /v1/applications/{appId}/members/{userId} (leave)", session, c -> {
                app.managingMembers().remove(c, appId[0], c.userId());
                return null;
            });
            measure("DELETE /v1/applications/{appId} (owner alone)", bobToken, c -> {
                app.managingApplications().delete(c, appId[0]);
                return null;
            });

            // the profile and the address: Ada has one other session besides the caller's
            measure("PATCH /v1/me (name)", session, c -> app.editingProfile().update(c, "Ada Lovelace", null));
            measure("PATCH /v1/me (username, replacing one)", session, c -> app.editingProfile().update(c, null, "countess"));
            measure("POST /v1/me/email (address with an account)", session, c -> {
                app.changingEmail().request(c, "bob@example.com", reset);
                return null;
            });
            measure("POST /v1/me/email (free address)", session, c -> {
                app.changingEmail().request(c, "ada@new.example.com", reset);
                return null;
            });
            String emailLink = lastToken("ada@new.example.com");
            measure("POST /v1/me/email/confirm (other sessions to end)", session, c -> app.changingEmail().confirm(c, emailLink));

            // deletion of a typical user: 3 sessions, 2 API keys, MFA on, 2 owned applications with a member each
            app.signingUp().signUp(new SignupCommand("carol@example.com", "Carol", "carol"), "198.51.100.30");
            String carolLink = lastToken("carol@example.com");
            String carolToken = app.confirmingSignup().confirm(carolLink, PASSWORD, CLIENT).session().token();
            Principal carol = acrossRequests(carolToken);
            app.signingIn().signIn("carol@example.com", PASSWORD, CLIENT);
            app.signingIn().signIn("carol@example.com", PASSWORD, CLIENT);
            app.managingApiKeys().create(carol, "one", null, null, null);
            app.managingApiKeys().create(carol, "two", null, null, null);
            String carolSecret = app.managingMfa().enrol(carol).secret();
            app.managingMfa().verify(carol, totp(carolSecret), PASSWORD);
            clock.advance(Duration.ofSeconds(30));
            for (String name : List.of("Orchard", "Vineyard")) {
                String id = app.managingApplications().create(carol, name).application().id();
                app.inviting().invite(carol, id, "bob@example.com", null, "observer");
                app.inviting().accept(bob, new Inviting.Reference(lastToken("bob@example.com"), null, null));
            }
            dev.latchkey.account.Account carolAccount = app.readingProfile().profile(carol.userId());
            recorder.drain();
            measure("GET /v1/me/deletion (typical user)", carolToken, c -> app.deletingAccount().preview(c));
            measure("DELETE /v1/me (MFA on, TOTP code)", carolToken, c -> {
                app.deletingAccount().delete(c, PASSWORD, totp(carolSecret), null);
                return null;
            });
            measure("Cleanup of a typical user (one stream record)", () -> app.cleaningUp().cleanUp(new dev.latchkey.cleanup.CleaningUp.DeletedUser(
                    carolAccount.id(), carolAccount.email(), carolAccount.normalizedEmail(), carolAccount.username())));
            return rows;
        }

        private String totp(String base32Secret) {
            try {
                return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(base32Secret,
                        Math.floorDiv(clock.instant().getEpochSecond(), 30));
            } catch (CodeGenerationException e) {
                throw new IllegalStateException(e);
            }
        }

        private String lastToken(String to) {
            List<MailMessage> mails = app.outbox().messages().stream().filter(m -> m.to().equals(to)).toList();
            Matcher m = TOKEN.matcher(mails.getLast().text());
            if (!m.find()) {
                throw new IllegalStateException("no link in the last mail to " + to);
            }
            return m.group(1);
        }

        private static Object expectError(java.util.function.Supplier<Object> call) {
            try {
                call.get();
            } catch (DomainError expected) {
                return expected;
            }
            throw new IllegalStateException("expected the operation to fail");
        }

        /**
         * An operation of the caller of {@code token}, authenticated just before it as every request is (the
         * Authorizer rows count that), so the principal carries the profile that request read.
         */
        private void measure(String operation, String token, java.util.function.Function<Principal, Object> call) {
            Principal caller = app.authenticating().authenticate("Bearer " + token).orElseThrow();
            measure(operation, () -> call.apply(caller));
        }

        /** A principal reused across calls, as a client reuses its token: without one request's profile read. */
        private Principal acrossRequests(String token) {
            return app.authenticating().authenticate("Bearer " + token).orElseThrow().withoutProfile();
        }

        private void measure(String operation, java.util.function.Supplier<Object> call) {
            recorder.drain();
            call.get();
            List<CapacityRecorder.Request> requests = recorder.drain();
            double rcu = requests.stream().filter(r -> !r.write()).mapToDouble(CapacityRecorder.Request::units).sum();
            double wcu = requests.stream().filter(CapacityRecorder.Request::write).mapToDouble(CapacityRecorder.Request::units).sum();
            Minimum minimum = MINIMUMS.getOrDefault(operation, new Minimum(-1, -1, "not documented"));
            rows.add(new Row(operation, requests, rcu, wcu, minimum));
            progress.printf("  %-62s %5s RCU %5s WCU%n", operation, fmt(rcu), fmt(wcu));
        }

        private void measure(String operation, Runnable call) {
            measure(operation, () -> {
                call.run();
                return null;
            });
        }
    }

    /**
     * Minimums per operation, in the units DynamoDB Local reports, each with the reason its request
     * set cannot be smaller. Kept beside the scenario, so a change in either shows in the report.
     */
    static final Map<String, Minimum> MINIMUMS = new LinkedHashMap<>();

    private static void minimum(String operation, double rcu, double wcu, String why) {
        MINIMUMS.put(operation, new Minimum(rcu, wcu, why));
    }

    static {
        String guards = "uniqueness check is a hint (the confirm transaction re-checks), so eventually consistent (0.5 each)";
        String limits = "three limit counters ((email, IP), IP, email; eventually consistent, 0.5 each) and one write each";
        minimum("POST /v1/signup (new email, with username)", 2.5, 5,
                "username and email guard reads, " + guards + "; " + limits + "; one pending item, which must be found by its link (1 WCU + 1 for its GSI1 entry)");
        minimum("POST /v1/signup (existing email)", 2, 3, "one guard read and the " + limits + "; nothing else is written, the owner gets a notice");
        minimum("POST /v1/signup (new email, no username)", 2, 5, "email guard read, " + limits + "; pending item and its GSI1 entry");
        minimum("POST /v1/signup/confirm (with username)", 0.5, 7,
                "find the link via GSI1 (0.5); one transaction that consumes it and writes user, guards and first session "
                        + "(DynamoDB Local's figure; AWS charges 2 WCU per item and per index entry in a transaction: 14 WRU); the device token (1)");
        minimum("POST /v1/signup/confirm (no username)", 0.5, 7, "as above without the username guard (AWS: 12 WRU); the device token (1)");
        minimum("POST /v1/sessions (right password)", 4.5, 7,
                "three limit counters — (email, client), IP, account — (eventually consistent, 0.5 each), email guard and user, both consistent so a new account "
                        + "signs in at once (1 each); one transaction: a check that the password hash is still the one verified (a sign-in "
                        + "racing a reset must not outlive it), the session with its GSI1 entry and its per-user pointer (AWS: 8 WRU); "
                        + "the user's session pointers (consistent, 1) for the session cap, read after the write so racing sign-ins see each other; "
                        + "the new device token (1; none when the client presented a valid one)");
        minimum("POST /v1/sessions (wrong password)", 3.5, 3, "the same reads; one write per limit counter ((email, client), IP, account)");
        String profile = "; the profile, consistent (1): a deleted account's tokens fail at once, before its clean-up, and the "
                + "operation answers and checks what this read (no second read of the profile in the rows below)";
        minimum("Authorizer (session, used within the minute)", 2, 0, "one consistent read by token hash: a revoked session must fail at once" + profile);
        minimum("Authorizer (session, first use in a minute: records lastSeenAt)", 2, 2,
                "plus lastSeenAt, at most once a minute; the GSI1 projection (ALL) makes it 2 — listing sessions reads it from the index"
                        + profile);
        minimum("Authorizer (malformed or bad-checksum token)", 0, 0, "refused before any read");
        minimum("GET /v1/me", 0, 0, "no read: the profile is the one authentication read in the same request (consistent, in the "
                + "authorizer rows)");
        minimum("GET /v1/sessions", 0.5, 0, "one GSI1 query (eventually consistent)");
        minimum("POST /v1/sessions/refresh", 0, 6,
                "no read: the presented token's session is the one authentication read in the same request (consistent, in "
                        + "the authorizer row); one transaction, conditioned on the old session still being there: delete the old "
                        + "key, put the new one (each with its GSI1 entry) and move the per-user pointer (AWS: 10 WRU)");
        minimum("DELETE /v1/sessions/{id}", 1, 6,
                "the session's pointer by its key (consistent, 1: GSI1 may lag); delete the session (item + GSI1 entry) and its "
                        + "pointer in one transaction (AWS: 6 WRU)");
        minimum("PUT /v1/me/password (three sessions to end, one to make)", 1.5, 27,
                "the limit counter (0.5; the profile is authentication's); one transaction: the new hash, conditioned on the one just verified "
                        + "and on the credential epoch, and the pending reset link deleted (3); the user's session pointers by a consistent "
                        + "query (1: GSI1 could miss a session created a moment ago); per session of the old epoch, the caller's included, "
                        + "one transaction deleting pointer and session (6 each, AWS 6 WRU); the caller's new session (6, as at sign-in)");
        minimum("POST /v1/password-reset (known email)", 3, 5,
                "three limit counters ((email, IP), IP, email) and the email guard, all eventually consistent; one write per counter; "
                        + "the profile (1), so the mail goes to the stored address; the reset item and its GSI1 entry");
        minimum("POST /v1/password-reset (unknown email)", 2, 3, "the same reads and counter writes; nothing else is stored");
        minimum("POST /v1/password-reset/confirm (one session to end)", 2.5, 13,
                "find the link via GSI1 (0.5); the profile for the MFA hook (1); one transaction: consume the link, set the password "
                        + "(AWS: 6 WRU); the session pointers by a consistent query (1) and one transaction per session (6); the account's failure "
                        + "counter forgotten (1, a delete whether or not it exists)");
        minimum("POST /v1/me/api-keys", 0, 6, "one transaction: the name guard, the key with its GSI1 entry, its per-user pointer, and a check "
                + "that the creating session still exists (DynamoDB Local's figure)");
        minimum("GET /v1/me/api-keys", 0.5, 0, "one GSI1 query");
        minimum("Authorizer (API key, first use: records lastUsedAt)", 2, 2, "one consistent read; lastUsedAt at most once a minute (item + GSI1)" + profile);
        minimum("Authorizer (API key, used within the minute)", 2, 0, "one consistent read by key hash" + profile);
        minimum("POST /v1/me/api-keys/{id}/regenerate", 0.5, 6,
                "find by id via GSI1; one transaction: swap the hash, move the per-user pointer, check the session still exists");
        minimum("DELETE /v1/me/api-keys/{id}", 0.5, 6, "find by id via GSI1; delete key and name guard in one transaction (AWS: 6 WRU)");
        minimum("POST /v1/me/mfa/totp (starts a set-up)", 1, 1,
                "the profile as authentication read it (is MFA on already?), the pending secret (consistent, 1: answer the live one); the new pending secret, sealed (1)");
        minimum("POST /v1/me/mfa/totp (a set-up is pending: the same secret)", 1, 0,
                "the same read; the pending secret is answered again, nothing is written");
        minimum("POST /v1/me/mfa/totp/verify", 2, 2,
                "the wrong-password counter per (email, session) (0.5), the pending secret (1), the wrong-code counter (0.5), "
                        + "left-over recovery codes by a consistent query (0 when there are none); one transaction: MFA flag on the profile "
                        + "if it is off, pending secret deleted if unchanged, the factor with the step used, 10 recovery codes (DynamoDB "
                        + "Local's figure; AWS: 2 WRU per item, 26 WRU)");
        minimum("GET /v1/me (MFA on: the count of recovery codes left)", 1, 0,
                "the profile as authentication read it and, only with MFA on, the user's recovery codes by a consistent query (1)");
        minimum("POST /v1/sessions (MFA on, TOTP code)", 6, 7,
                "as a sign-in with the right password (4.5 / 7), plus the factor (consistent, 1) and the wrong-code counter (0.5); "
                        + "the session's transaction also moves the factor's last used step, on condition it is earlier (AWS: +2 WRU)");
        minimum("POST /v1/sessions (MFA on, recovery code)", 6, 7,
                "as with a TOTP code, with the user's recovery codes by a consistent query (1) instead of the factor; the transaction "
                        + "deletes the code used, on condition it is still there (AWS: +2 WRU); the notice's count comes from the same query");
        minimum("POST /v1/sessions (MFA on, no code)", 3.5, 0,
                "the three limit counters (0.5 each), email guard and user (1 each): mfa_required only after the right password; nothing written");
        minimum("POST /v1/me/mfa/recovery-codes (TOTP code)", 3, 2,
                "wrong-password and wrong-code counters (0.5 each), the factor (1), the current codes by a consistent query (1); "
                        + "one transaction: the step spent, 10 old codes deleted, 10 new ones put (DynamoDB Local's figure; AWS: 42 WRU)");
        minimum("DELETE /v1/me/mfa/totp (TOTP code)", 3, 3,
                "the same reads; one transaction: MFA flag off, the factor deleted on the step condition, every recovery code and any "
                        + "pending secret deleted (DynamoDB Local's figure; AWS: 2 WRU per item)");
        String access = "the access check: one consistent BatchGetItem of the application and the caller's member item (2)";
        minimum("POST /v1/applications", 0, 6, "one transaction: the owner's owned-applications count (ADD, on condition it is "
                + "below 100), the application (on condition it is new), the owner's member item with its GSI1 entry "
                + "(DynamoDB Local's figure; AWS: 2 WRU per item and index entry)");
        minimum("GET /v1/applications/{appId}", 2, 0, access + "; the profile only when the application requires MFA of the role");
        minimum("GET /v1/applications (one)", 1, 0, "the caller's member items by one GSI1 query (0.5), the applications by one "
                + "eventually consistent BatchGetItem (0.5 each)");
        minimum("PATCH /v1/applications/{appId} (name)", 2, 1, access + "; one UpdateItem on condition the application exists");
        minimum("POST /v1/applications/{appId}/invitations (email with an account)", 4.5, 6, access + "; the email guard, eventually "
                + "consistent (0.5: only which mail to send); the invitee's member item (1: a 409 for a member); the pending invitations "
                + "by a consistent query (0 when there are none); one transaction: the invitation (on condition none is pending) and its "
                + "token pointer; the inviter's profile for the mail's greeting (1)");
        minimum("GET /v1/applications/{appId}/invitations (one)", 3, 0, access + "; the invitations by a consistent query (1)");
        minimum("POST /v1/applications/{appId}/invitations/{id}/resend", 4.5, 6, access + "; the invitation (1); one transaction: new "
                + "hash and validity on condition the old hash, old pointer deleted, new pointer put; the email guard (0.5) and the "
                + "inviter's profile (1) for the mail");
        minimum("GET /v1/me/invitations (one)", 1.5, 0, "the profile as authentication read it (the verified address); the GSI1 queries for invitations to "
                + "the account and to the address (0.5 each when not empty); the applications' and the inviters' names by eventually "
                + "consistent BatchGetItems (0.5 each)");
        minimum("POST /v1/invitations/accept (token)", 3, 6, "the token pointer, the invitation and the application, each "
                + "consistent (1), and the caller's profile as authentication read it (is this the invitee? MFA on?); one transaction: invitation and pointer deleted on "
                + "condition of the token, the member item put on condition it is new, the member count ADDed on condition it is "
                + "below 1,000");
        minimum("GET /v1/applications/{appId}/members (two)", 4, 0, access + "; the member items by a consistent query (1); the "
                + "members' profiles by an eventually consistent BatchGetItem (0.5 each)");
        minimum("PATCH /v1/applications/{appId}/members/{userId}", 4, 2, access + "; the member item (1: 404, the owner's 409, no "
                + "change); one UpdateItem on condition the member is not the owner (item and GSI1 entry); the member's profile for "
                + "the mail and the answer (1)");
        minimum("POST /v1/applications/{appId}/owner (MFA off)", 4, 6, access + "; the new owner's member item (1); the owner's "
                + "profile as authentication read it (MFA on?); one transaction: both member items and the application on their conditions, both owned "
                + "counts; the new owner's profile for the mail (1)");
        minimum("DELETE /v1/applications/{appId}/members/{userId} (leave)", 2, 6, access + " (the MFA requirement is not checked: a "
                + "blocked member may leave); one transaction: the member item deleted on condition it is not the owner, the count "
                + "decremented");
        minimum("DELETE /v1/applications/{appId} (owner alone)", 3, 4, access + "; one transaction: the application deleted on "
                + "condition of its owner, the owner's count decremented; what hung under it by one consistent query (1) and "
                + "BatchWriteItem deletes of 25 a request (here the owner's member item)");
        minimum("PATCH /v1/me (name)", 0, 1, "the profile as authentication read it (the username to compare and the answer); one UpdateItem on "
                + "condition the profile exists (it carries no index entry)");
        minimum("PATCH /v1/me (username, replacing one)", 0, 2, "the profile as authentication read it; one transaction: the new guard put on "
                + "condition it is new, the profile updated on condition it still has the old username, the old guard deleted on "
                + "condition it points at the user (DynamoDB Local's figure; AWS: 2 WRU per item, 6 WRU)");
        minimum("POST /v1/me/email (address with an account)", 1.5, 2, "the profile as authentication read it, the wrong-password counter per "
                + "(email, session) (0.5), the account's request counter (0.5) and its write (1: the first request of the hour puts it), "
                + "the new address's guard (eventually consistent, 0.5: it only chooses the mail); the pending change deleted (1): a "
                + "newer request replaces the older one though it mails no link");
        minimum("POST /v1/me/email (free address)", 1.5, 3, "the same reads; the request counter moved (1, an ADD); the pending "
                + "change put with its GSI1 entry (2), which is how the link finds it");
        minimum("POST /v1/me/email/confirm (other sessions to end)", 1.5, 19, "find the link via GSI1 (0.5); the profile as "
                + "authentication read it; one transaction: the new guard, the pending change (and its GSI1 entry), the profile, the old guard and any "
                + "pending reset link (7, DynamoDB Local's figure; AWS: 2 WRU per item and index entry); the session pointers by a "
                + "consistent query (1) and one transaction per other session (6 each, here two)");
        minimum("GET /v1/me/deletion (typical user)", 1.5, 0, "the profile as authentication read it; the memberships, API keys and sessions by "
                + "one GSI1 query of the user's index partition (0.5: one query rounds up once, three queries cost 1.5); the owned "
                + "applications by one consistent BatchGetItem (here 2 × 0.5)");
        minimum("DELETE /v1/me (MFA on, TOTP code)", 2, 2, "the profile as authentication read it; the wrong-password counter per (email, session) (0.5); "
                + "the wrong-code counter (0.5); the TOTP factor (1); one transaction: the profile on condition of its address and "
                + "credential epoch, the email and username guards on condition they point at the user (DynamoDB Local's figure; AWS: "
                + "2 WRU per item). The code is checked, not spent: the factor goes with the account");
        minimum("Cleanup of a typical user (one stream record)", 6, 54, "a typical user: 3 sessions, 2 API keys, MFA on with 10 "
                + "recovery codes, 2 owned applications with a member each, a reset link and counters; 15 requests. The members "
                + "of the owned applications are mailed first: memberships by GSI1 (the one query of the user's GSI1 partition "
                + "that also answers the applications' own listing later), each owned application with its members by one "
                + "consistent query of its partition, then the members' profiles in one BatchGetItem. Then one consistent query "
                + "of the user's partition, in which every feature finds its own items; it holds all there will be, since a "
                + "session, an API key, an application or a membership is written only in a transaction that checks the "
                + "profile, gone by now. The guards on condition they are absent or the user's (1 WCU each even when gone, as "
                + "DeleteMe left them); each owned application in a transaction on condition the user still owns it (not read "
                + "again first) and a consistent query of what hangs under it now; invitations by GSI1; then BatchWriteItems "
                + "(25 deletes each) of every delete that needs no condition: sessions and API keys with their pointers and "
                + "name guards, devices, MFA items, the owned-applications count, what hung under the applications, the reset "
                + "and email-change links and the two limit counters by key (an item costs what it costs alone, one with a GSI1 "
                + "entry 2; DynamoDB Local charges a key with no item 2 WCU in a batch, where AWS charges 1 as for a DeleteItem: "
                + "the two links, usually gone, are 2 of the 54)");
    }

    /** A clock the scenario moves by hand. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
