package dev.latchkey.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.latchkey.devkit.DynamoDbLocal;
import dev.latchkey.devkit.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dev server's console: console/ (beside template.yaml) at {@code /} with clean URLs, content types and the
 * security headers, and nothing outside the directory; the console's own limits (size, no inline code, no
 * third-party URL, no localStorage or cookies).
 */
@DisplayName("The console's files and how the dev server serves them")
class ConsoleFilesTest {
    private static final Path CONSOLE = SamTemplate.locate().getParent().resolve(ConsoleFiles.DIRECTORY);
    private static DevServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = DevServer.start(DevServerOptions.ephemeral()
                .withDynamoDb(DynamoDbLocal.shared().endpoint(), "console-files-" + UUID.randomUUID()));
        http = new Http(server).outsideTheContract("the console's files are not API routes");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<Path> consoleFiles() throws IOException {
        try (Stream<Path> files = Files.walk(CONSOLE)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    @DisplayName("case=the whole console is under 100 KB uncompressed")
    void under100Kilobytes() throws IOException {
        long total = 0;
        for (Path file : consoleFiles()) {
            total += Files.size(file);
        }
        assertThat(total).as("bytes in console/").isPositive().isLessThan(100 * 1024);
    }

    @Test
    @DisplayName("case=no inline script, style or event handler, no third-party URL, no localStorage or cookies")
    void nothingTheCspWouldNeedUnsafeInlineFor() throws IOException {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern inlineHandler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        Pattern url = Pattern.compile("(?:https?:)?//[a-z0-9.-]+\\.[a-z]{2,}", Pattern.CASE_INSENSITIVE);
        for (Path file : consoleFiles()) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String name = CONSOLE.relativize(file).toString();
            if (name.endsWith(".html")) {
                assertThat(inlineScript.matcher(text).find()).as("%s: an inline <script>", name).isFalse();
                assertThat(text).as(name).doesNotContainIgnoringCase("<style").doesNotContainIgnoringCase(" style=");
                assertThat(inlineHandler.matcher(text).find()).as("%s: an on…= handler", name).isFalse();
                // submitted without the script (it failed to load), a GET form would put the password in the URL
                assertThat(text.split("<form", -1).length - 1).as("%s: forms", name)
                        .isEqualTo(text.split("<form method=\"post\"", -1).length - 1);
            }
            if (name.endsWith(".js")) {
                assertThat(text).as(name).doesNotContain("localStorage").doesNotContain("document.cookie")
                        .doesNotContain("innerHTML").doesNotContain("eval(").doesNotContain(".style.");
            }
            Matcher m = url.matcher(text.replace("http://www.w3.org/2000/svg", ""));
            assertThat(m.find() ? m.group() : null).as("%s: a URL of another origin", name).isNull();
        }
    }

    @Test
    @DisplayName("case=every input, select and textarea of every page has a label for it")
    void everyFieldHasALabel() throws IOException {
        Pattern field = Pattern.compile("<(?:input|select|textarea)\\b[^>]*\\bid=\"([^\"]+)\"[^>]*>");
        Pattern unnamed = Pattern.compile("<(?:input|select|textarea)\\b(?![^>]*\\bid=)[^>]*>");
        for (Path file : consoleFiles()) {
            String name = CONSOLE.relativize(file).toString();
            if (!name.endsWith(".html")) {
                continue;
            }
            String html = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(unnamed.matcher(html).find()).as("%s: a field without an id (so without a label)", name).isFalse();
            Matcher m = field.matcher(html);
            while (m.find()) {
                assertThat(html).as("%s: the label of #%s", name, m.group(1)).contains("<label for=\"" + m.group(1) + "\"");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/sign-in", "/sign-up", "/verify-email", "/confirm-email", "/reset-password", "/forgot-password",
        "/profile", "/password", "/two-factor", "/sessions", "/api-keys", "/applications", "/application",
        "/accept-invitation", "/delete-account", "/account/security", "/sign-in.html"})
    @DisplayName("case=each page at its clean URL, as HTML with the CSP and the other security headers")
    void pages(String path) {
        HttpResponse<String> page = http.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("content-security-policy")).hasValue(ConsoleFiles.CONTENT_SECURITY_POLICY);
        assertThat(page.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("x-frame-options")).hasValue("DENY");
        assertThat(page.headers().firstValue("referrer-policy")).hasValue("no-referrer");
        assertThat(page.body()).startsWith("<!doctype html>").contains("<script type=\"module\" src=\"/js/");
    }

    @Test
    @DisplayName("case=the CSP: own origin only, data: images for the QR code, no inline code, no framing")
    void contentSecurityPolicy() {
        assertThat(ConsoleFiles.CONTENT_SECURITY_POLICY.split("; ")).contains("default-src 'none'",
                "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'",
                "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'");
        assertThat(ConsoleFiles.CONTENT_SECURITY_POLICY).doesNotContain("unsafe");
        // the API's answers carry the headers too (CloudFront adds them to both behaviours)
        assertThat(http.get("/v1/me").headers().firstValue("x-content-type-options")).hasValue("nosniff");
    }

    @Test
    @DisplayName("case=template.yaml's CloudFront response-headers policy sends the same CSP as the dev server")
    void templateSendsTheSameCsp() throws IOException {
        String template = Files.readString(SamTemplate.locate());
        assertThat(template).contains("ContentSecurityPolicy: \"" + ConsoleFiles.CONTENT_SECURITY_POLICY + "\"");
    }

    @Test
    @DisplayName("case=every path Latchkey mails opens a console page, on the dev server and through CloudFront's clean-URL function")
    void everyMailedPathIsAPage() throws IOException {
        String templates = Files.readString(SamTemplate.locate().getParent()
                .resolve("shared/src/main/java/dev/latchkey/mail/MailTemplates.java"));
        Matcher m = Pattern.compile("(?:base\\(\\) \\+ |link\\()\"(/[a-z/-]*)[\" ]").matcher(templates);
        java.util.Set<String> paths = new java.util.TreeSet<>();
        while (m.find()) {
            paths.add(m.group(1));
        }
        assertThat(paths).as("the paths in MailTemplates").contains("/sign-in", "/sign-up", "/verify-email",
                "/reset-password", "/account/security", "/applications", "/accept-invitation");
        for (String path : paths) {
            HttpResponse<String> page = http.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).startsWith("<!doctype html>");
            assertThat(CONSOLE.resolve(cloudFrontUri(path).substring(1))).as("%s through CloudFront", path).isRegularFile();
        }
    }

    /** What template.yaml's ConsoleCleanUrls function makes of a URI; the test below keeps the two the same. */
    private static String cloudFrontUri(String uri) {
        if (uri.endsWith("/")) {
            return uri + "index.html";
        }
        return uri.lastIndexOf('.') < uri.lastIndexOf('/') ? uri + ".html" : uri;
    }

    @Test
    @DisplayName("case=template.yaml's clean-URL function is the rule the dev server and cloudFrontUri follow")
    void cloudFrontFunctionMatches() throws IOException {
        String template = Files.readString(SamTemplate.locate());
        assertThat(template).contains("""
                  if (uri.endsWith('/')) {
                    request.uri = uri + 'index.html';
                  } else if (uri.lastIndexOf('.') < uri.lastIndexOf('/')) {
                    request.uri = uri + '.html';
                  }
                """.indent(8));
        for (String path : List.of("/", "/sign-in", "/account/security", "/css/console.css", "/js/api.js")) {
            assertThat(ConsoleFiles.resolve(CONSOLE.toRealPath(), path).map(CONSOLE.toRealPath()::relativize).map(Path::toString))
                    .as(path).hasValue(cloudFrontUri(path).substring(1));
        }
    }

    @Test
    @DisplayName("case=scripts, styles and images with their content types")
    void contentTypes() {
        assertThat(http.get("/js/api.js").headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        assertThat(http.get("/css/console.css").headers().firstValue("content-type")).hasValue("text/css; charset=utf-8");
        assertThat(http.get("/favicon.svg").headers().firstValue("content-type")).hasValue("image/svg+xml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/js/", "/js", "/css/missing.css", "/.gitignore", "/v1", "/v1/nope"})
    @DisplayName("case=what is not a page or file of the console is 404; /v1 stays the API's")
    void notFound(String path) {
        HttpResponse<String> response = http.get(path);
        assertThat(response.statusCode()).isEqualTo(404);
        if (path.startsWith("/v1")) {
            assertThat(response.body()).isEqualTo("{\"message\":\"Not Found\"}");
        }
    }

    @Test
    @DisplayName("case=POST to a page is 405")
    void onlyGetAndHead() {
        assertThat(http.post("/sign-in", "{}").statusCode()).isEqualTo(405);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../template.yaml", "/..%2ftemplate.yaml", "/%2e%2e/template.yaml", "/%2e%2e%2ftemplate.yaml",
        "/js/../../template.yaml", "/..\\template.yaml", "/%5c..%5ctemplate.yaml", "/%252e%252e/template.yaml",
        "/js/..%2f..%2fpom.xml", "/.%2e/pom.xml", "//etc/passwd", "/%00.html", "/css/..%00/x.css"})
    @DisplayName("case=no way out of console/: .. in any spelling, backslashes, NUL, double encoding (raw request line): 404, or 400 from the HTTP server")
    void noTraversal(String path) throws IOException {
        // a raw request line: HTTP clients normalise or refuse these paths before sending them
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).as(path).matches("(?s)HTTP/1\\.1 40[04] .*").doesNotContain("AWSTemplateFormatVersion")
                    .doesNotContain("<project").doesNotContain("root:");
        }
    }

    @Test
    @DisplayName("case=a symbolic link inside the directory that points out of it is not followed")
    void noSymlinkOut(@TempDir Path dir) throws IOException {
        Path console = Files.createDirectory(dir.resolve("console"));
        Files.writeString(dir.resolve("secret.html"), "secret");
        Files.writeString(console.resolve("index.html"), "<!doctype html>");
        Files.createSymbolicLink(console.resolve("leak.html"), dir.resolve("secret.html"));
        Files.createDirectory(dir.resolve("outside"));
        Files.writeString(dir.resolve("outside/page.html"), "secret");
        Files.createSymbolicLink(console.resolve("linked"), dir.resolve("outside"));
        Path root = console.toRealPath();
        assertThat(ConsoleFiles.resolve(root, "/")).hasValue(root.resolve("index.html"));
        assertThat(ConsoleFiles.resolve(root, "/leak")).isEmpty();
        assertThat(ConsoleFiles.resolve(root, "/leak.html")).isEmpty();
        assertThat(ConsoleFiles.resolve(root, "/linked/page")).isEmpty();
    }
}
