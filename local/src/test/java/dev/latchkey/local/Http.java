package dev.latchkey.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A small HTTP client for the dev server's tests. Every response it receives is checked against
 * docs/openapi.yaml ({@link OpenApiContract}): an undeclared status, a wrong media type or a body that does not
 * match its schema fails the test at the request. Paths that openapi does not list are not checked; a request
 * that deliberately leaves the contract goes through {@link #outsideTheContract(String)}.
 */
final class Http {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK_TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI base;
    private final OpenApiContract contract; // null: not checked

    Http(DevServer server) {
        this(URI.create("http://127.0.0.1:" + server.port()), OpenApiContract.latchkey());
    }

    private Http(URI base, OpenApiContract contract) {
        this.base = base;
        this.contract = contract;
    }

    /**
     * The same client without the contract check, for a request that is outside docs/openapi.yaml on purpose
     * (a method the path does not have, to see API Gateway's own 404). {@code why} says which, for the reader.
     */
    Http outsideTheContract(String why) {
        if (Objects.requireNonNull(why).isBlank()) {
            throw new IllegalArgumentException("say why the request is outside the contract");
        }
        return new Http(base, null);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) {
        HttpRequest.Builder builder = request(pathAndQuery).GET();
        if (headers.length > 0) {
            builder.headers(headers);
        }
        return send(builder.build());
    }

    HttpResponse<String> post(String path, String json) {
        return send(request(path).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return checked(request, CLIENT.send(request, HttpResponse.BodyHandlers.ofString()), body -> body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        try {
            return checked(request, CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray()),
                    body -> new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private <T> HttpResponse<T> checked(HttpRequest request, HttpResponse<T> response,
            Function<T, String> text) {
        if (contract != null) {
            contract.check(request.method(), request.uri().getRawPath(), response.statusCode(),
                    response.headers().firstValue("content-type"), text.apply(response.body()));
        }
        return response;
    }

    /** {@code METHOD path} with a JSON body (or none) and a bearer token (or none). */
    HttpResponse<String> call(String method, String path, String body, String token) {
        HttpRequest.Builder request = request(path)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** Signs up {@code email} through the mailed link with {@code password}; answers the new session's token. */
    String signUp(String email, String password) {
        return signUp(email, null, password);
    }

    /** {@link #signUp(String, String)} with a display name (or none). */
    String signUp(String email, String name, String password) {
        String body = name == null ? "{\"email\":\"" + email + "\"}"
                : "{\"email\":\"" + email + "\",\"name\":\"" + name + "\"}";
        HttpResponse<String> asked = call("POST", "/v1/signup", body, null);
        if (asked.statusCode() != 202) {
            throw new AssertionError("signup of " + email + ": " + asked.statusCode() + " " + asked.body());
        }
        HttpResponse<String> confirmed = call("POST", "/v1/signup/confirm",
                "{\"token\":\"" + lastLinkTo(email) + "\",\"password\":\"" + password + "\"}", null);
        if (confirmed.statusCode() != 201) {
            throw new AssertionError("confirming " + email + ": " + confirmed.statusCode() + " " + confirmed.body());
        }
        return json(confirmed).at("/session/token").asText();
    }

    /** The last link to {@code base/page#token=…} the outbox mailed to {@code email}, as printed in the mail. */
    String mailedLink(String email, String page, String base) {
        Pattern link = Pattern.compile("(https?://[^\\s\"]+/" + page + "#token=[A-Za-z0-9_-]{43})");
        String found = null;
        for (JsonNode mail : json(get("/_local/mail"))) {
            Matcher m = link.matcher(mail.get("text").asText());
            if (mail.get("to").asText().equals(email) && m.find()) {
                found = m.group(1);
            }
        }
        if (found == null || !found.startsWith(base + "/")) {
            throw new AssertionError("no " + page + " link to " + base + " was mailed to " + email);
        }
        return found;
    }

    /** The token of the last link the local outbox mailed to {@code email}. */
    String lastLinkTo(String email) {
        List<String> tokens = new ArrayList<>();
        for (JsonNode mail : json(get("/_local/mail"))) {
            Matcher m = LINK_TOKEN.matcher(mail.get("text").asText());
            if (mail.get("to").asText().equals(email) && m.find()) {
                tokens.add(m.group(1));
            }
        }
        if (tokens.isEmpty()) {
            throw new AssertionError("no link was mailed to " + email);
        }
        return tokens.getLast();
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
