package dev.latchkey.functions;

import dev.latchkey.functions.account.ConfirmEmailChangeHandler;
import dev.latchkey.functions.account.DeleteMeHandler;
import dev.latchkey.functions.account.GetDeletionPreviewHandler;
import dev.latchkey.functions.account.GetMeHandler;
import dev.latchkey.functions.account.RequestEmailChangeHandler;
import dev.latchkey.functions.account.UpdateMeHandler;
import dev.latchkey.functions.cleanup.CleanupHandler;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.latchkey.functions.application.AcceptInvitationHandler;
import dev.latchkey.functions.application.CancelInvitationHandler;
import dev.latchkey.functions.application.ChangeMemberRoleHandler;
import dev.latchkey.functions.application.CreateApplicationHandler;
import dev.latchkey.functions.application.DeclineInvitationHandler;
import dev.latchkey.functions.application.DeleteApplicationHandler;
import dev.latchkey.functions.application.GetApplicationHandler;
import dev.latchkey.functions.application.InviteMemberHandler;
import dev.latchkey.functions.application.ListApplicationsHandler;
import dev.latchkey.functions.application.ListInvitationsHandler;
import dev.latchkey.functions.application.ListMembersHandler;
import dev.latchkey.functions.application.ListMyInvitationsHandler;
import dev.latchkey.functions.application.RemoveMemberHandler;
import dev.latchkey.functions.application.ResendInvitationHandler;
import dev.latchkey.functions.application.TransferOwnershipHandler;
import dev.latchkey.functions.application.UpdateApplicationHandler;
import dev.latchkey.functions.apikey.CreateApiKeyHandler;
import dev.latchkey.functions.apikey.DeleteApiKeyHandler;
import dev.latchkey.functions.apikey.ListApiKeysHandler;
import dev.latchkey.functions.apikey.RegenerateApiKeyHandler;
import dev.latchkey.functions.auth.AuthorizerHandler;
import dev.latchkey.functions.password.ChangePasswordHandler;
import dev.latchkey.functions.password.ConfirmPasswordResetHandler;
import dev.latchkey.functions.password.RequestPasswordResetHandler;
import dev.latchkey.functions.session.CreateSessionHandler;
import dev.latchkey.functions.session.DeleteSessionHandler;
import dev.latchkey.functions.session.ListSessionsHandler;
import dev.latchkey.functions.session.RefreshSessionHandler;
import dev.latchkey.functions.signup.ConfirmSignupHandler;
import dev.latchkey.functions.signup.SignupHandler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.latchkey.devkit.LambdaContext;
import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.devkit.SamTemplate;
import dev.latchkey.functions.http.HttpHandler;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import dev.latchkey.functions.wiring.SdkInterceptors;
import dev.latchkey.testing.Mail;
import dev.latchkey.testing.MutableClock;
import dev.latchkey.testing.TestConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.DisplayName;
import dev.latchkey.functions.mfa.DisableTotpHandler;
import dev.latchkey.functions.mfa.EnrolTotpHandler;
import dev.latchkey.functions.mfa.RegenerateRecoveryCodesHandler;
import dev.latchkey.functions.mfa.VerifyTotpHandler;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Each function's IAM policy in template.yaml lists exactly the DynamoDB actions its handler uses:
 * a scenario drives every handler through its success and failure paths with an SDK interceptor
 * recording the IAM action each request needs (a transaction needs one per kind of item in it), and
 * the recorded set must equal the granted set — nothing missing (it would fail in AWS) and nothing
 * extra (least privilege; no Scan, no batch writes). Likewise {@code ssm:GetParameter} on the link-base
 * parameter: granted (when the stack keeps its link base there) exactly to the functions that built a
 * mail link in the scenario, since building the first one is what reads the parameter (MailLinkBase).
 */
class LeastPrivilegeTest {
    private static final String PASSWORD = "correct horse battery staple";

    /** The IAM actions the requests of one invocation needed. */
    static final class ActionRecorder implements ExecutionInterceptor {
        final Set<String> actions = new TreeSet<>();

        @Override
        public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof TransactWriteItemsRequest tx) {
                for (TransactWriteItem item : tx.transactItems()) {
                    actions.add(item.put() != null ? "dynamodb:PutItem" : item.update() != null ? "dynamodb:UpdateItem"
                            : item.delete() != null ? "dynamodb:DeleteItem" : "dynamodb:ConditionCheckItem");
                }
            } else {
                actions.add("dynamodb:" + context.request().getClass().getSimpleName().replaceFirst("Request$", ""));
            }
        }

        synchronized Set<String> drain() {
            Set<String> out = Set.copyOf(actions);
            actions.clear();
            return out;
        }
    }

    private final ActionRecorder recorder = new ActionRecorder();
    private final MutableClock clock = MutableClock.startingNow();
    private final LatchkeyComponent component;
    private final AuthorizerHandler authorizer;
    private final Map<String, Set<String>> used = new TreeMap<>();
    private final Map<String, String> functionOfHandler = new TreeMap<>();
    private final SamTemplate template = SamTemplate.load(SamTemplate.locate());
    private final String table;
    private final String linkBase;
    /** How many mails the outbox held when the last invocation was recorded. */
    private int mailsRecorded;

    LeastPrivilegeTest() {
        DynamoDbLocal dynamo = DynamoDbLocal.shared();
        table = dynamo.createUniqueTable("iam");
        component = Wiring.build(TestConfig.forTable(dynamo.endpoint(), table), clock, new SdkInterceptors(List.of(recorder)));
        linkBase = component.config().linkBaseUrl().toString();
        authorizer = new AuthorizerHandler(component);
        for (SamTemplate.FunctionDef function : template.functions()) {
            functionOfHandler.put(function.handlerClass(), function.logicalId());
        }
    }

    private APIGatewayV2HTTPResponse call(HttpHandler handler, String method, String path, String body, String token,
                                          Map<String, String> pathParameters) {
        if (token != null) {
            // past the once-a-minute bookkeeping interval, so every authenticated function records its credential's use
            clock.advance(Duration.ofSeconds(61));
        }
        recorder.drain();
        APIGatewayV2HTTPEvent event = Api.event(method, path, body, token == null ? Map.of() : Map.of("authorization", "Bearer " + token));
        event.setPathParameters(pathParameters);
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, new LambdaContext("test", 1024, 15));
        record(functionOfHandler.get(handler.getClass().getName()));
        assertThat(response.getStatusCode()).as("%s %s: %s", method, path, response.getBody()).isLessThan(500);
        return response;
    }

    /** The exported authorizer, as another API would call it. */
    private void authorize(String token) {
        recorder.drain();
        Api.stream(authorizer, authorizerEvent(token, "GET /v1/orders"));
        record("AuthorizerFunction");
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent authorizerEvent(String token, String routeKey) {
        return com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent.builder()
                .withVersion("2.0").withType("REQUEST").withRouteKey(routeKey)
                .withIdentitySource(List.of("Bearer " + token)).withHeaders(Map.of("authorization", "Bearer " + token)).build();
    }

    private void record(String function) {
        Set<String> actions = used.computeIfAbsent(function, f -> new TreeSet<>());
        actions.addAll(recorder.drain());
        List<dev.latchkey.mail.MailMessage> mails = component.outbox().messages();
        if (mails.subList(mailsRecorded, mails.size()).stream().anyMatch(m -> m.text().contains(linkBase + "/"))) {
            actions.add("ssm:GetParameter"); // it built a link: with the link base in SSM, the first one reads the parameter
        }
        mailsRecorded = mails.size();
    }

    private String lastToken(String email) {
        return Mail.token(component.outbox().messages().stream().filter(m -> m.to().equals(email)).toList().getLast());
    }

    private String signUp(String email) {
        call(new SignupHandler(component), "POST", "/v1/signup", "{\"email\":\"" + email + "\",\"username\":\"u" + email.hashCode() % 100000 + "\"}", null, null);
        APIGatewayV2HTTPResponse confirmed = call(new ConfirmSignupHandler(component), "POST", "/v1/signup/confirm",
                "{\"token\":\"" + lastToken(email) + "\",\"password\":\"" + PASSWORD + "\"}", null, null);
        return Api.json(confirmed).at("/session/token").asText();
    }

    @Test
    @DisplayName("case=every function's policy grants exactly the DynamoDB actions its handler uses, and none grants Scan (or batch writes, but for deleting an application); ssm:GetParameter exactly to the functions that mail a link")
    void policiesMatchUse() {
        String session = signUp("iam@example.com");
        call(new SignupHandler(component), "POST", "/v1/signup", "{\"email\":\"iam@example.com\"}", null, null);
        CreateSessionHandler signIn = new CreateSessionHandler(component);
        for (int i = 0; i < 6; i++) { // failures, then a limited one
            call(signIn, "POST", "/v1/sessions", "{\"email\":\"iam@example.com\",\"password\":\"wrong " + i + "\"}", null, null);
        }
        clock.advance(Duration.ofMinutes(20));
        APIGatewayV2HTTPResponse signedIn = call(signIn, "POST", "/v1/sessions",
                "{\"email\":\"iam@example.com\",\"password\":\"" + PASSWORD + "\"}", null, null);
        String device = Api.json(signedIn).get("deviceToken").asText();
        call(signIn, "POST", "/v1/sessions", "{\"email\":\"iam@example.com\",\"password\":\"" + PASSWORD + "\",\"deviceToken\":\"" + device + "\"}", null, null);
        for (int i = 0; i < 11; i++) { // past the session cap
            call(signIn, "POST", "/v1/sessions", "{\"email\":\"iam@example.com\",\"password\":\"" + PASSWORD + "\"}", null, null);
        }
        String other = Api.json(call(signIn, "POST", "/v1/sessions", "{\"email\":\"iam@example.com\",\"password\":\"" + PASSWORD + "\"}", null, null))
                .at("/session/token").asText();
        session = Api.json(signedIn).at("/session/token").asText();

        call(new GetMeHandler(component), "GET", "/v1/me", null, other, null);
        String listed = call(new ListSessionsHandler(component), "GET", "/v1/sessions", null, other, null).getBody();
        other = Api.json(call(new RefreshSessionHandler(component), "POST", "/v1/sessions/refresh", null, other, null)).get("token").asText();

        for (int i = 0; i < 2; i++) { // a wrong password counts, the right one clears the count
            call(new CreateApiKeyHandler(component), "POST", "/v1/me/api-keys", "{\"name\":\"one\",\"password\":\"wrong\"}", other, null);
        }
        APIGatewayV2HTTPResponse key = call(new CreateApiKeyHandler(component), "POST", "/v1/me/api-keys",
                "{\"name\":\"one\",\"expiresInDays\":30,\"password\":\"" + PASSWORD + "\"}", other, null);
        assertThat(key.getStatusCode()).as(key.getBody()).isEqualTo(201);
        String keyId = Api.json(key).get("id").asText();
        call(new GetMeHandler(component), "GET", "/v1/me", null, Api.json(key).get("key").asText(), null);
        clock.advance(Duration.ofSeconds(61));
        authorize(Api.json(key).get("key").asText());
        authorize(other);
        authorize("lk_s_not_a_token");
        call(new ListApiKeysHandler(component), "GET", "/v1/me/api-keys", null, other, null);
        call(new RegenerateApiKeyHandler(component), "POST", "/v1/me/api-keys/" + keyId + "/regenerate", null, other, Map.of("id", keyId));
        call(new DeleteApiKeyHandler(component), "DELETE", "/v1/me/api-keys/" + keyId, null, other, Map.of("id", keyId));
        call(new CreateApiKeyHandler(component), "POST", "/v1/me/api-keys", "{\"name\":\"two\"}", other, null);

        // another session than the caller's (sign-ins at one clock instant list in id order, so not by position)
        String firstId = java.util.stream.StreamSupport.stream(Api.json(call(new ListSessionsHandler(component), "GET", "/v1/sessions",
                        null, other, null)).get("sessions").spliterator(), false)
                .filter(s -> !s.get("current").asBoolean()).findFirst().orElseThrow().get("id").asText();
        call(new DeleteSessionHandler(component), "DELETE", "/v1/sessions/" + firstId, null, other, Map.of("id", firstId));
        ChangePasswordHandler change = new ChangePasswordHandler(component);
        call(change, "PUT", "/v1/me/password", "{\"currentPassword\":\"not it\",\"newPassword\":\"a brand new passphrase\"}", other, null);
        APIGatewayV2HTTPResponse changed = call(change, "PUT", "/v1/me/password",
                "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\"a brand new passphrase\"}", other, null);
        assertThat(changed.getStatusCode()).as(changed.getBody()).isEqualTo(200);
        other = Api.json(changed).get("token").asText();

        RequestPasswordResetHandler reset = new RequestPasswordResetHandler(component);
        call(reset, "POST", "/v1/password-reset", "{\"email\":\"nobody-here@example.com\"}", null, null);
        call(reset, "POST", "/v1/password-reset", "{\"email\":\"iam@example.com\"}", null, null);
        call(new ConfirmPasswordResetHandler(component), "POST", "/v1/password-reset/confirm",
                "{\"token\":\"" + lastToken("iam@example.com") + "\",\"password\":\"reset to another passphrase\"}", null, null);
        assertThat(listed).contains("sessions");
        mfaScenario();
        applicationsScenario();
        deletionScenario();
        profileScenario();

        Map<String, Set<String>> granted = new TreeMap<>();
        for (SamTemplate.FunctionDef function : template.functions()) {
            granted.put(function.logicalId(), grantedActions(function.logicalId()));
        }
        assertThat(used.keySet()).as("every function ran in the scenario").containsAll(granted.keySet());
        assertThat(granted).allSatisfy((function, actions) -> assertThat(actions).doesNotContain("dynamodb:Scan",
                "dynamodb:*"));
        // batch writes only where nothing needs a condition: deleting an application's items once the application is gone
        // (by its owner, or by the clean-up of the owner's account)
        assertThat(granted).allSatisfy((function, actions) -> {
            if (!Set.of("DeleteApplicationFunction", "CleanupFunction").contains(function)) {
                assertThat(actions).as(function).doesNotContain("dynamodb:BatchWriteItem");
            }
        });
        assertThat(granted).as("granted, by function").isEqualTo(used);
    }

    private String totp(String secret) {
        return totp(secret, 0);
    }

    /** The code for the moment a handler called with a token will see: {@link #call} moves the clock first. */
    private String totpForAuthenticatedCall(String secret) {
        return totp(secret, 61);
    }

    private String totp(String secret, long secondsAhead) {
        try {
            return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret,
                    Math.floorDiv(clock.instant().getEpochSecond() + secondsAhead, 30));
        } catch (CodeGenerationException e) {
            throw new AssertionError(e);
        }
    }

    /** Two-factor: enrol, verify, sign in with either kind of code, replace codes, reset with a code, turn it off. */
    private void mfaScenario() {
        String session = signUp("mfa-iam@example.com");
        String secret = Api.json(call(new EnrolTotpHandler(component), "POST", "/v1/me/mfa/totp", null, session, null)).get("secret").asText();
        call(new VerifyTotpHandler(component), "POST", "/v1/me/mfa/totp/verify", "{\"code\":\"000000\",\"password\":\"" + PASSWORD + "\"}", session, null);
        APIGatewayV2HTTPResponse verified = call(new VerifyTotpHandler(component), "POST", "/v1/me/mfa/totp/verify",
                "{\"code\":\"" + totpForAuthenticatedCall(secret) + "\",\"password\":\"" + PASSWORD + "\"}", session, null);
        assertThat(verified.getStatusCode()).as(verified.getBody()).isEqualTo(200);
        List<String> codes = new java.util.ArrayList<>();
        Api.json(verified).get("recoveryCodes").forEach(c -> codes.add(c.asText()));
        call(new GetMeHandler(component), "GET", "/v1/me", null, session, null);
        CreateSessionHandler signIn = new CreateSessionHandler(component);
        String base = "{\"email\":\"mfa-iam@example.com\",\"password\":\"" + PASSWORD + "\"";
        call(signIn, "POST", "/v1/sessions", base + "}", null, null);
        clock.advance(Duration.ofSeconds(30));
        APIGatewayV2HTTPResponse withCode = call(signIn, "POST", "/v1/sessions", base + ",\"mfaCode\":\"" + totp(secret) + "\"}", null, null);
        assertThat(withCode.getStatusCode()).as(withCode.getBody()).isEqualTo(201);
        APIGatewayV2HTTPResponse withRecovery = call(signIn, "POST", "/v1/sessions", base + ",\"recoveryCode\":\"" + codes.get(0) + "\"}", null, null);
        assertThat(withRecovery.getStatusCode()).as(withRecovery.getBody()).isEqualTo(201);
        APIGatewayV2HTTPResponse replaced = call(new RegenerateRecoveryCodesHandler(component), "POST", "/v1/me/mfa/recovery-codes",
                "{\"password\":\"" + PASSWORD + "\",\"code\":\"" + codes.get(1) + "\"}", session, null);
        assertThat(replaced.getStatusCode()).as(replaced.getBody()).isEqualTo(200);
        call(new RequestPasswordResetHandler(component), "POST", "/v1/password-reset", "{\"email\":\"mfa-iam@example.com\"}", null, null);
        clock.advance(Duration.ofSeconds(30));
        APIGatewayV2HTTPResponse reset = call(new ConfirmPasswordResetHandler(component), "POST", "/v1/password-reset/confirm",
                "{\"token\":\"" + lastToken("mfa-iam@example.com") + "\",\"password\":\"" + PASSWORD + " again\",\"mfaCode\":\"" + totp(secret) + "\"}", null, null);
        assertThat(reset.getStatusCode()).as(reset.getBody()).isEqualTo(204);
        clock.advance(Duration.ofSeconds(30));
        String fresh = Api.json(call(signIn, "POST", "/v1/sessions", "{\"email\":\"mfa-iam@example.com\",\"password\":\"" + PASSWORD
                + " again\",\"mfaCode\":\"" + totp(secret) + "\"}", null, null)).at("/session/token").asText();
        clock.advance(Duration.ofSeconds(30));
        APIGatewayV2HTTPResponse disabled = call(new DisableTotpHandler(component), "DELETE", "/v1/me/mfa/totp",
                "{\"password\":\"" + PASSWORD + " again\",\"code\":\"" + totpForAuthenticatedCall(secret) + "\"}", fresh, null);
        assertThat(disabled.getStatusCode()).as(disabled.getBody()).isEqualTo(204);
    }

    /** Applications: create, share through an invitation, change roles, transfer with a TOTP code, leave, delete. */
    private void applicationsScenario() {
        String ada = signUp("apps-ada@example.com");
        String bob = signUp("apps-bob@example.com");
        String carol = signUp("apps-carol@example.com");
        String secret = Api.json(call(new EnrolTotpHandler(component), "POST", "/v1/me/mfa/totp", null, ada, null)).get("secret").asText();
        assertThat(call(new VerifyTotpHandler(component), "POST", "/v1/me/mfa/totp/verify",
                "{\"code\":\"" + totpForAuthenticatedCall(secret) + "\",\"password\":\"" + PASSWORD + "\"}", ada, null).getStatusCode()).isEqualTo(200);

        APIGatewayV2HTTPResponse created = call(new CreateApplicationHandler(component), "POST", "/v1/applications", "{\"name\":\"IAM\"}", ada, null);
        assertThat(created.getStatusCode()).as(created.getBody()).isEqualTo(201);
        String appId = Api.json(created).get("id").asText();
        Map<String, String> app = Map.of("appId", appId);
        String base = "/v1/applications/" + appId;
        call(new ListApplicationsHandler(component), "GET", "/v1/applications", null, ada, null);
        call(new GetApplicationHandler(component), "GET", base, null, ada, app);
        call(new UpdateApplicationHandler(component), "PATCH", base, "{\"name\":\"IAM 2\",\"mfaRequiredRoles\":[\"owner\"]}", ada, app);
        InviteMemberHandler invite = new InviteMemberHandler(component);
        call(invite, "POST", base + "/invitations", "{\"email\":\"apps-bob@example.com\",\"role\":\"operator\"}", ada, app);
        call(invite, "POST", base + "/invitations", "{\"email\":\"apps-bob@example.com\",\"role\":\"operator\"}", ada, app); // 409
        String invitationId = Api.json(call(new ListInvitationsHandler(component), "GET", base + "/invitations", null, ada, app))
                .at("/invitations/0/id").asText();
        call(new ResendInvitationHandler(component), "POST", base + "/invitations/" + invitationId + "/resend", null, ada,
                Map.of("appId", appId, "id", invitationId));
        call(new ListMyInvitationsHandler(component), "GET", "/v1/me/invitations", null, bob, null);
        APIGatewayV2HTTPResponse accepted = call(new AcceptInvitationHandler(component), "POST", "/v1/invitations/accept",
                "{\"token\":\"" + lastToken("apps-bob@example.com") + "\"}", bob, null);
        assertThat(accepted.getStatusCode()).as(accepted.getBody()).isEqualTo(201);
        call(invite, "POST", base + "/invitations", "{\"email\":\"apps-carol@example.com\",\"role\":\"observer\"}", ada, app);
        call(new DeclineInvitationHandler(component), "POST", "/v1/invitations/decline",
                "{\"token\":\"" + lastToken("apps-carol@example.com") + "\"}", carol, null);
        call(invite, "POST", base + "/invitations", "{\"email\":\"apps-dan@example.com\",\"role\":\"observer\"}", ada, app);
        String danId = Api.json(call(new ListInvitationsHandler(component), "GET", base + "/invitations", null, ada, app))
                .at("/invitations/0/id").asText();
        call(new CancelInvitationHandler(component), "DELETE", base + "/invitations/" + danId, null, ada, Map.of("appId", appId, "id", danId));
        call(new ListMembersHandler(component), "GET", base + "/members", null, ada, app);
        Map<String, String> bobMember = Map.of("appId", appId, "userId", memberId(ada, appId, "apps-bob@example.com"));
        call(new ChangeMemberRoleHandler(component), "PATCH", base + "/members/" + bobMember.get("userId"), "{\"role\":\"developer\"}", ada, bobMember);
        TransferOwnershipHandler transfer = new TransferOwnershipHandler(component);
        call(new UpdateApplicationHandler(component), "PATCH", base, "{\"mfaRequiredRoles\":[]}", ada, app);
        String wrong = "000000".equals(totpForAuthenticatedCall(secret)) ? "111111" : "000000";
        call(transfer, "POST", base + "/owner", "{\"userId\":\"" + bobMember.get("userId") + "\",\"mfaCode\":\"" + wrong + "\"}", ada, app);
        call(transfer, "POST", base + "/owner", "{\"userId\":\"" + bobMember.get("userId")
                + "\",\"recoveryCode\":\"aaaa-bbbb-cccc-dddd-eeee-ffff\"}", ada, app);
        APIGatewayV2HTTPResponse transferred = call(transfer, "POST", base + "/owner",
                "{\"userId\":\"" + bobMember.get("userId") + "\",\"mfaCode\":\"" + totpForAuthenticatedCall(secret) + "\"}", ada, app);
        assertThat(transferred.getStatusCode()).as(transferred.getBody()).isEqualTo(200);
        String adaId = memberId(bob, appId, "apps-ada@example.com");
        call(new RemoveMemberHandler(component), "DELETE", base + "/members/" + adaId, null, ada, Map.of("appId", appId, "userId", adaId));
        // the owner removing a member (who is told by mail), not a member leaving
        call(invite, "POST", base + "/invitations", "{\"email\":\"apps-carol@example.com\",\"role\":\"observer\"}", bob, app);
        call(new AcceptInvitationHandler(component), "POST", "/v1/invitations/accept",
                "{\"token\":\"" + lastToken("apps-carol@example.com") + "\"}", carol, null);
        String carolId = memberId(bob, appId, "apps-carol@example.com");
        APIGatewayV2HTTPResponse removed = call(new RemoveMemberHandler(component), "DELETE", base + "/members/" + carolId, null, bob,
                Map.of("appId", appId, "userId", carolId));
        assertThat(removed.getStatusCode()).as(removed.getBody()).isEqualTo(204);
        APIGatewayV2HTTPResponse deleted = call(new DeleteApplicationHandler(component), "DELETE", base, null, bob, app);
        assertThat(deleted.getStatusCode()).as(deleted.getBody()).isEqualTo(204);
    }

    /** Account deletion: the preview, refused attempts, the deletion with a code, and the stream-triggered clean-up. */
    private void deletionScenario() {
        String dora = signUp("iam-delete@example.com");
        String member = signUp("iam-delete-member@example.com");
        String appId = Api.json(call(new CreateApplicationHandler(component), "POST", "/v1/applications", "{\"name\":\"Doomed\"}", dora, null))
                .get("id").asText();
        Map<String, String> app = Map.of("appId", appId);
        call(new InviteMemberHandler(component), "POST", "/v1/applications/" + appId + "/invitations",
                "{\"email\":\"iam-delete-member@example.com\",\"role\":\"observer\"}", dora, app);
        call(new AcceptInvitationHandler(component), "POST", "/v1/invitations/accept",
                "{\"token\":\"" + lastToken("iam-delete-member@example.com") + "\"}", member, null);
        call(new CreateApiKeyHandler(component), "POST", "/v1/me/api-keys", "{\"name\":\"doomed\"}", dora, null);
        String secret = Api.json(call(new EnrolTotpHandler(component), "POST", "/v1/me/mfa/totp", null, dora, null)).get("secret").asText();
        call(new VerifyTotpHandler(component), "POST", "/v1/me/mfa/totp/verify",
                "{\"code\":\"" + totpForAuthenticatedCall(secret) + "\",\"password\":\"" + PASSWORD + "\"}", dora, null);
        call(new GetDeletionPreviewHandler(component), "GET", "/v1/me/deletion", null, dora, null);
        DeleteMeHandler delete = new DeleteMeHandler(component);
        call(delete, "DELETE", "/v1/me", "{\"password\":\"not the password\"}", dora, null);
        call(delete, "DELETE", "/v1/me", "{\"password\":\"" + PASSWORD + "\",\"recoveryCode\":\"aaaa-bbbb-cccc-dddd-eeee-ffff\"}", dora, null);
        clock.advance(Duration.ofSeconds(30));
        String doraId = Api.json(call(new GetMeHandler(component), "GET", "/v1/me", null, dora, null)).get("id").asText();
        Map<String, AttributeValue> profile = DynamoDbLocal.shared().client().getItem(g -> g.tableName(table).consistentRead(true)
                .key(Map.of("pk", AttributeValue.fromS("USER#" + doraId), "sk", AttributeValue.fromS("PROFILE")))).item();
        APIGatewayV2HTTPResponse deleted = call(delete, "DELETE", "/v1/me",
                "{\"password\":\"" + PASSWORD + "\",\"mfaCode\":\"" + totpForAuthenticatedCall(secret) + "\"}", dora, null);
        assertThat(deleted.getStatusCode()).as(deleted.getBody()).isEqualTo(202);
        recorder.drain();
        Map<String, Object> cleaned;
        try {
            cleaned = Api.stream(new CleanupHandler(component), TestJson.MAPPER.readTree(Api.profileRemoved(profile, "1000")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        record("CleanupFunction");
        assertThat((List<?>) cleaned.get("batchItemFailures")).isEmpty();
    }

    /** Profile and email change: a name, a username (and a taken one), with MFA on; a move to a taken and to a free address, confirmed. */
    private void profileScenario() {
        String ada = signUp("profile-ada@example.com");
        String bob = signUp("profile-bob@example.com");
        String adaOther = Api.json(call(new CreateSessionHandler(component), "POST", "/v1/sessions",
                "{\"email\":\"profile-ada@example.com\",\"password\":\"" + PASSWORD + "\"}", null, null)).at("/session/token").asText();
        UpdateMeHandler update = new UpdateMeHandler(component);
        call(update, "PATCH", "/v1/me", "{\"name\":\"Ada\"}", ada, null);
        APIGatewayV2HTTPResponse claimed = call(update, "PATCH", "/v1/me", "{\"username\":\"profile-ada\"}", ada, null);
        assertThat(claimed.getStatusCode()).as(claimed.getBody()).isEqualTo(200);
        assertThat(call(update, "PATCH", "/v1/me", "{\"username\":\"profile-ada\"}", bob, null).getStatusCode()).isEqualTo(409);
        String secret = Api.json(call(new EnrolTotpHandler(component), "POST", "/v1/me/mfa/totp", null, ada, null)).get("secret").asText();
        assertThat(call(new VerifyTotpHandler(component), "POST", "/v1/me/mfa/totp/verify",
                "{\"code\":\"" + totpForAuthenticatedCall(secret) + "\",\"password\":\"" + PASSWORD + "\"}", ada, null).getStatusCode()).isEqualTo(200);
        call(update, "PATCH", "/v1/me", "{\"name\":\"Ada L.\"}", ada, null);

        RequestEmailChangeHandler request = new RequestEmailChangeHandler(component);
        call(request, "POST", "/v1/me/email", "{\"email\":\"profile-new@example.com\",\"password\":\"wrong\"}", ada, null);
        call(request, "POST", "/v1/me/email", "{\"email\":\"profile-bob@example.com\",\"password\":\"" + PASSWORD + "\"}", ada, null);
        APIGatewayV2HTTPResponse asked = call(request, "POST", "/v1/me/email",
                "{\"email\":\"profile-new@example.com\",\"password\":\"" + PASSWORD + "\"}", ada, null);
        assertThat(asked.getStatusCode()).as(asked.getBody()).isEqualTo(202);
        APIGatewayV2HTTPResponse confirmed = call(new ConfirmEmailChangeHandler(component), "POST", "/v1/me/email/confirm",
                "{\"token\":\"" + lastToken("profile-new@example.com") + "\"}", ada, null);
        assertThat(confirmed.getStatusCode()).as(confirmed.getBody()).isEqualTo(200);
        assertThat(call(new GetMeHandler(component), "GET", "/v1/me", null, adaOther, null).getStatusCode()).isEqualTo(401);
    }

    private String memberId(String token, String appId, String email) {
        return java.util.stream.StreamSupport.stream(Api.json(call(new ListMembersHandler(component), "GET",
                        "/v1/applications/" + appId + "/members", null, token, Map.of("appId", appId))).get("members").spliterator(), false)
                .filter(m -> m.get("email").asText().equals(email)).findFirst().orElseThrow().get("userId").asText();
    }

    /**
     * The dynamodb: and ssm: actions of the function's inline policy statements; of a statement granted only when the
     * link base is kept in SSM ({@code !If [LinkBaseFromDistribution, …, !Ref AWS::NoValue]}), the granted branch.
     */
    @SuppressWarnings("unchecked")
    private Set<String> grantedActions(String logicalId) {
        Map<String, Object> resources = (Map<String, Object>) template.document().get("Resources");
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) resources.get(logicalId)).get("Properties");
        Set<String> actions = new TreeSet<>();
        for (Object policy : (Collection<Object>) properties.getOrDefault("Policies", List.of())) {
            if (policy instanceof SamTemplate.Intrinsic(String function, Object argument) && function.equals("Fn::If")) {
                List<Object> branches = (List<Object>) argument;
                assertThat(branches).as(logicalId + ": a conditional policy").hasSize(3)
                        .startsWith("LinkBaseFromDistribution").endsWith(new SamTemplate.Ref("AWS::NoValue"));
                policy = branches.get(1);
            }
            if (policy instanceof Map<?, ?> map && map.containsKey("Statement")) {
                for (Object statement : (Collection<Object>) map.get("Statement")) {
                    Object action = ((Map<String, Object>) statement).get("Action");
                    List<Object> list = action instanceof Collection<?> c ? new ArrayList<>(c) : List.of(action);
                    list.stream().map(String::valueOf).filter(a -> a.startsWith("dynamodb:") || a.startsWith("ssm:")).forEach(actions::add);
                }
            } else if (policy instanceof Map<?, ?> map) {
                throw new AssertionError(logicalId + " uses a policy template (" + map.keySet() + "): list the actions instead");
            } else {
                throw new AssertionError(logicalId + ": a policy that is neither a document nor a conditional one: " + policy);
            }
        }
        return actions;
    }
}
