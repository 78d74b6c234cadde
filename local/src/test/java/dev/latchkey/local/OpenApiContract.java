package dev.latchkey.local;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;

import dev.latchkey.devkit.SamTemplate;

/**
 * docs/openapi.yaml as a checker of real responses: the status must be declared for the operation (or a
 * {@code default} response exist), the content type must be one of that response's media types, and a JSON
 * body must match its schema. Requests to paths that openapi does not list (/_local/mail, the fixture
 * template's routes, unknown routes) are not checked. OpenAPI 3.1 schemas are JSON Schema 2020-12, so they are
 * validated as such, with format assertions on (date-time, email) and $refs resolved inside the document.
 */
final class OpenApiContract {
    private static final String DOCUMENT_IRI = "urn:latchkey:openapi";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile OpenApiContract latchkey;

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private OpenApiContract(JsonNode document) {
        String version = document.path("openapi").asText();
        if (!version.startsWith("3.1.")) {
            // 3.0 schemas are not JSON Schema (nullable, exclusiveMinimum as a boolean): they would need converting
            throw new IllegalStateException("OpenApiContract reads OpenAPI 3.1 documents; this one is " + version);
        }
        this.document = document;
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, builder -> builder
                .schemas(Map.of(DOCUMENT_IRI, document.toString()))
                .schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    }

    /** docs/openapi.yaml beside the template.yaml that {@link SamTemplate#locate()} finds, read once. */
    static OpenApiContract latchkey() {
        OpenApiContract contract = latchkey;
        if (contract == null) {
            synchronized (OpenApiContract.class) {
                if (latchkey == null) {
                    latchkey = load(SamTemplate.locate().getParent().resolve("docs").resolve("openapi.yaml"));
                }
                contract = latchkey;
            }
        }
        return contract;
    }

    static OpenApiContract load(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return new OpenApiContract(JSON.valueToTree(yaml)); // YAML keys such as 200 become "200"
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Throws an AssertionError naming the request, the status and every disagreement with the contract. */
    void check(String method, String rawPath, int status, Optional<String> contentType, String body) {
        List<String> violations = violations(method, rawPath, status, contentType, body);
        if (!violations.isEmpty()) {
            throw new AssertionError(method + " " + rawPath + " answered " + status + " outside docs/openapi.yaml:\n  - "
                    + String.join("\n  - ", violations) + "\n  body: " + abbreviate(body));
        }
    }

    /** Every way this response disagrees with the contract; empty when it agrees or the path is not in it. */
    List<String> violations(String method, String rawPath, int status, Optional<String> contentType, String body) {
        Optional<String> template = templateOf(rawPath);
        if (template.isEmpty()) {
            return List.of();
        }
        String operationPointer = "/paths/" + escape(template.get()) + "/" + method.toLowerCase(Locale.ROOT);
        if (document.at(operationPointer).isMissingNode()) {
            return List.of("openapi has no operation " + method + " " + template.get());
        }
        String operation = method + " " + template.get();
        Optional<String> declared = responseKey(document.at(operationPointer + "/responses"), status);
        if (declared.isEmpty()) {
            return List.of("status " + status + " is not declared for " + operation + " (and it has no default response)");
        }
        String responsePointer = resolve(operationPointer + "/responses/" + escape(declared.get()));
        JsonNode content = document.at(responsePointer + "/content");
        if (content.isMissingNode() || content.isEmpty()) {
            return body.isEmpty() ? List.of()
                    : List.of(operation + " " + declared.get() + " declares no body, but the response has one");
        }
        String mediaType = contentType.map(OpenApiContract::mediaType).orElse("");
        Optional<String> matched = mediaTypeKey(content, mediaType);
        if (matched.isEmpty()) {
            List<String> names = new ArrayList<>();
            content.fieldNames().forEachRemaining(names::add);
            return List.of("content type '" + contentType.orElse("(none)") + "' is not one of " + names
                    + " declared for " + operation + " " + declared.get());
        }
        String schemaPointer = responsePointer + "/content/" + escape(matched.get()) + "/schema";
        if (document.at(schemaPointer).isMissingNode() || !isJson(matched.get())) {
            return List.of();
        }
        JsonNode parsed;
        try {
            parsed = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return List.of("the body is not JSON (" + matched.get() + "): " + e.getOriginalMessage());
        }
        if (parsed == null || parsed.isMissingNode()) {
            return List.of("the body is empty; " + matched.get() + " was declared");
        }
        List<String> violations = new ArrayList<>();
        schema(schemaPointer).validate(body, InputFormat.JSON)
                .forEach(error -> violations.add("body" + where(error.getInstanceLocation().toString()) + ": " + error.getMessage()
                        + " (" + error.getSchemaLocation().toString().replace(DOCUMENT_IRI, "") + ")"));
        if (matched.get().equals("application/problem+json") && parsed.path("status").isInt()
                && parsed.path("status").intValue() != status) {
            violations.add("problem status " + parsed.path("status").intValue() + " differs from the HTTP status " + status);
        }
        return violations;
    }

    /** The openapi path that a concrete request path falls under; literal segments beat {parameters}. */
    Optional<String> templateOf(String rawPath) {
        String[] actual = rawPath.split("/", -1);
        String best = null;
        int bestLiterals = -1;
        for (Iterator<String> paths = document.path("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            String[] declared = path.split("/", -1);
            if (declared.length != actual.length) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < declared.length && matches; i++) {
                if (declared[i].startsWith("{") && declared[i].endsWith("}")) {
                    matches = !actual[i].isEmpty();
                } else {
                    matches = declared[i].equals(actual[i]);
                    literals++;
                }
            }
            if (matches && literals > bestLiterals) {
                best = path;
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    private static Optional<String> responseKey(JsonNode responses, int status) {
        String exact = Integer.toString(status);
        String range = exact.charAt(0) + "XX";
        for (String key : List.of(exact, range, "default")) {
            if (responses.has(key)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> mediaTypeKey(JsonNode content, String mediaType) {
        String range = mediaType.contains("/") ? mediaType.substring(0, mediaType.indexOf('/')) + "/*" : mediaType;
        for (String key : List.of(mediaType, range, "*/*")) {
            if (!key.isEmpty() && content.has(key)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** Follows a chain of local {@code $ref}s (a response that is {@code $ref: '#/components/responses/...'}). */
    private String resolve(String pointer) {
        for (int hops = 0; hops < 10; hops++) {
            JsonNode ref = document.at(pointer + "/$ref");
            if (!ref.isTextual()) {
                return pointer;
            }
            if (!ref.asText().startsWith("#/")) {
                throw new IllegalStateException("only local $refs are followed, not " + ref.asText());
            }
            pointer = ref.asText().substring(1);
        }
        throw new IllegalStateException("$ref chain too long at " + pointer);
    }

    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, p -> {
            Schema schema = registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + p));
            schema.initializeValidators();
            return schema;
        });
    }

    private static String where(String instanceLocation) {
        return instanceLocation.isEmpty() ? "" : " at " + instanceLocation;
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || mediaType.endsWith("+json");
    }

    /** A JSON pointer token (RFC 6901): "~" as "~0", "/" as "~1". */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String body) {
        return body.length() <= 500 ? body : body.substring(0, 500) + "...";
    }
}
