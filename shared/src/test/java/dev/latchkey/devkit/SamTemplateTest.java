package dev.latchkey.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.latchkey.devkit.SamTemplate.FunctionDef;
import dev.latchkey.devkit.SamTemplate.HttpRoute;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

@DisplayName("SamTemplate reading the real template.yaml")
class SamTemplateTest {

    private static SamTemplate template;

    @BeforeAll
    static void load() {
        template = SamTemplate.load(SamTemplate.locate());
    }

    @Test
    @DisplayName("locate finds template.yaml above the module directory")
    void locatesTheRepositoryTemplate() {
        assertThat(template.path().getFileName()).hasToString("template.yaml");
        assertThat(template.path().getParent().resolve("pom.xml")).exists();
    }

    @Test
    @DisplayName("every function has a handler class and method")
    void everyFunctionHasAHandler() {
        assertThat(template.functions()).isNotEmpty().allSatisfy(function -> {
            assertThat(function.handlerClass()).startsWith("dev.latchkey.functions.");
            assertThat(function.handlerMethod()).isEqualTo("handleRequest");
        });
        assertThat(template.functions()).extracting(FunctionDef::logicalId)
                .contains("SignupFunction", "ConfirmSignupFunction", "CreateSessionFunction", "GetMeFunction",
                        "AuthorizerFunction");
    }

    @Test
    @DisplayName("routes carry method, path and whether the default authorizer applies")
    void routes() {
        assertThat(routesOf("SignupFunction")).containsExactly(new HttpRoute("POST", "/v1/signup", false));
        assertThat(routesOf("ConfirmSignupFunction")).containsExactly(new HttpRoute("POST", "/v1/signup/confirm", false));
        assertThat(routesOf("CreateSessionFunction")).containsExactly(new HttpRoute("POST", "/v1/sessions", false));
        assertThat(routesOf("GetMeFunction")).containsExactly(new HttpRoute("GET", "/v1/me", false));
        assertThat(routesOf("AuthorizerFunction")).isEmpty();
        assertThat(new HttpRoute("GET", "/v1/me", true).routeKey()).isEqualTo("GET /v1/me");
    }

    @Test
    @DisplayName("Globals.Function is merged: literal environment, memory, timeout")
    void globalsAreMerged() {
        FunctionDef signup = template.function("SignupFunction").orElseThrow();
        assertThat(signup.literalEnvironment())
                .containsEntry("LATCHKEY_MAIL_TRANSPORT", "ses")
                .containsEntry("POWERTOOLS_SERVICE_NAME", "latchkey")
                .doesNotContainKey("TABLE_NAME"); // !Ref: not a literal
        assertThat(signup.memorySizeMb()).isPositive();
        assertThat(signup.timeoutSeconds()).isPositive();
    }

    @Test
    @DisplayName("Latchkey's HttpApi has no authorizer: its functions authenticate themselves (the fixture template of local/ covers reading one)")
    void noAuthorizer() {
        assertThat(template.authorizerFunctionId()).isEmpty();
        assertThat(template.function("AuthorizerFunction")).isPresent();
    }

    @Test
    @DisplayName("the table definition becomes a CreateTable request: keys, GSI1, stream, on-demand")
    void table() {
        CreateTableRequest request = template.createTableRequest("t1");
        assertThat(request.tableName()).isEqualTo("t1");
        assertThat(request.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyType())
                .containsExactly("pk:" + KeyType.HASH, "sk:" + KeyType.RANGE);
        assertThat(request.attributeDefinitions()).extracting(a -> a.attributeName())
                .containsExactlyInAnyOrder("pk", "sk", "gsi1pk", "gsi1sk");
        assertThat(request.globalSecondaryIndexes()).singleElement().satisfies(gsi -> {
            assertThat(gsi.indexName()).isEqualTo("GSI1");
            assertThat(gsi.keySchema()).extracting(k -> k.attributeName()).containsExactly("gsi1pk", "gsi1sk");
            assertThat(gsi.projection().projectionType()).isEqualTo(ProjectionType.ALL);
        });
        assertThat(request.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(request.streamSpecification().streamEnabled()).isTrue();
        assertThat(request.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(template.timeToLiveAttribute()).contains("expiresAt");
    }

    @Test
    @DisplayName("every CloudFormation short tag loads, and the other FunctionArn forms resolve")
    void shortTags(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, """
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                  NotProd: !Not [!Condition IsProd]
                  Both: !And [!Condition IsProd, !Or [!Condition IsProd, !Condition NotProd]]
                Globals:
                  Function:
                    Handler: a.B::handle
                    Environment:
                      Variables:
                        A: !Sub "${AWS::Region}-x"
                        B: !Join ["-", [a, !Ref C]]
                        C: !If [IsProd, x, y]
                        D: !Select [0, !Split [",", "a,b"]]
                        E: !FindInMap [M, K, V]
                        F: !ImportValue other
                        G: !Base64 text
                        H: !Select [0, !Cidr ["10.0.0.0/16", 2, 8]]
                        I: !Select [0, !GetAZs ""]
                        J: 42
                        K: {"Fn::Sub": "x"}
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth:
                        DefaultAuthorizer: A
                        Authorizers:
                          A:
                            FunctionArn: !GetAtt Authz.Arn
                  Authz:
                    Type: AWS::Serverless::Function
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Handler: c.D
                      Events:
                        Any:
                          Type: HttpApi
                          Properties:
                            ApiId: {"Ref": "Api"}
                            Path: /items/{id}
                            Method: get
                """);
        SamTemplate parsed = SamTemplate.load(file);
        assertThat(parsed.authorizerFunctionId()).contains("Authz");
        assertThat(parsed.authorizerIdentityHeaders()).isEmpty();
        FunctionDef fn = parsed.function("Fn").orElseThrow();
        assertThat(fn.handlerClass()).isEqualTo("c.D");
        assertThat(fn.handlerMethod()).isEqualTo("handleRequest");
        assertThat(fn.literalEnvironment()).containsOnlyKeys("J").containsEntry("J", "42");
        assertThat(fn.routes()).containsExactly(new HttpRoute("GET", "/items/{id}", true));
        FunctionDef authz = parsed.function("Authz").orElseThrow();
        assertThat(authz.handlerClass()).isEqualTo("a.B");
        assertThat(authz.handlerMethod()).isEqualTo("handle");

        Files.writeString(file, """
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      Auth:
                        DefaultAuthorizer: A
                        Authorizers:
                          A:
                            FunctionArn: !Ref Authz
                """);
        assertThat(SamTemplate.load(file).authorizerFunctionId()).contains("Authz");
    }

    private static List<HttpRoute> routesOf(String functionId) {
        return template.function(functionId).orElseThrow().routes();
    }
}
