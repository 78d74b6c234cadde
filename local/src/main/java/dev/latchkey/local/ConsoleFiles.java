package dev.latchkey.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.latchkey.local.ApiGateway.OutgoingResponse;

/**
 * The account console (the repository's {@code console/}, beside template.yaml) as the dev server serves it at
 * {@code /}: static files with their content types, clean URLs ({@code /verify-email} is
 * {@code verify-email.html}, {@code /} is {@code index.html}) and nothing outside the directory. The security
 * headers go on every response of the dev server ({@link #SECURITY_HEADERS}); CloudFront's response-headers
 * policy in template.yaml sends the same.
 */
public final class ConsoleFiles {
    /** The directory's name, beside template.yaml. */
    public static final String DIRECTORY = "console";

    /**
     * The console's Content-Security-Policy: its own scripts, styles and images (and the QR code's data: URI),
     * requests to its own origin only (the API is {@code /v1} there), no frames, no plugins, no inline code.
     * template.yaml's {@code ConsoleResponseHeaders} carries the same string (ConsoleFilesTest checks it).
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /** Sent with every response of the dev server, the API's too, as CloudFront sends them in AWS. */
    public static final List<Map.Entry<String, String>> SECURITY_HEADERS = List.of(
            Map.entry("content-security-policy", CONTENT_SECURITY_POLICY),
            Map.entry("x-content-type-options", "nosniff"),
            Map.entry("x-frame-options", "DENY"),
            Map.entry("referrer-policy", "no-referrer"));

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8",
            "json", "application/json");

    private final Optional<Path> root;

    private ConsoleFiles(Optional<Path> root) {
        this.root = root;
    }

    /** The {@code console/} directory beside {@code template}, if there is one. */
    public static ConsoleFiles besideTemplate(Path template) {
        Path dir = template.toAbsolutePath().getParent().resolve(DIRECTORY);
        return new ConsoleFiles(Files.isDirectory(dir) ? Optional.of(realPath(dir)) : Optional.empty());
    }

    public Optional<Path> root() {
        return root;
    }

    /**
     * A GET or HEAD of {@code rawPath} (not {@code /v1…}): the file, or 404 for anything that is not a file of
     * the console with a known type: a missing file, a directory, a dot-file, {@code ..} in any spelling, a
     * symbolic link out of the directory. Other methods get 405.
     */
    public OutgoingResponse respond(String method, String rawPath) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return text(405, "Method Not Allowed", List.of(Map.entry("allow", "GET, HEAD")));
        }
        Optional<Path> file = root.flatMap(dir -> resolve(dir, rawPath));
        if (file.isEmpty()) {
            return text(404, "Not Found", List.of());
        }
        try {
            byte[] body = Files.readAllBytes(file.get());
            return new OutgoingResponse(200, List.of(
                    Map.entry("content-type", CONTENT_TYPES.get(extension(file.get()))),
                    Map.entry("cache-control", "no-cache")), body);
        } catch (IOException e) {
            return text(404, "Not Found", List.of());
        }
    }

    /** The file {@code rawPath} names inside {@code dir}, or empty when it names none (or tries to leave it). */
    static Optional<Path> resolve(Path dir, String rawPath) {
        if (!rawPath.startsWith("/") || rawPath.contains("\\") || rawPath.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        String decoded = RouteTable.decode(rawPath);
        if (decoded.contains("\\") || decoded.indexOf('\0') >= 0 || decoded.contains("%")) {
            return Optional.empty(); // "%2e%2e", double encoding, backslashes: never a file of ours
        }
        List<String> segments = new ArrayList<>(List.of(decoded.substring(1).split("/", -1)));
        if (segments.getLast().isEmpty()) {
            segments.set(segments.size() - 1, "index.html"); // "/" and "/dir/"
        }
        for (String segment : segments) {
            if (segment.isEmpty() || segment.startsWith(".")) {
                return Optional.empty(); // "..", ".", ".git", "//"
            }
        }
        String last = segments.getLast();
        if (!last.contains(".")) {
            segments.set(segments.size() - 1, last + ".html"); // clean URLs: /verify-email
        }
        Path file = dir;
        for (String segment : segments) {
            file = file.resolve(segment);
        }
        file = file.normalize();
        if (!file.startsWith(dir) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                || !CONTENT_TYPES.containsKey(extension(file)) || !realPath(file).startsWith(dir)) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OutgoingResponse text(int status, String message, List<Map.Entry<String, String>> extra) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(extra);
        headers.add(Map.entry("content-type", "text/plain; charset=utf-8"));
        return new OutgoingResponse(status, headers, (message + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
