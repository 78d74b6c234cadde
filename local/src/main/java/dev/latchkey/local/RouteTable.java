package dev.latchkey.local;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.latchkey.devkit.SamTemplate.HttpRoute;

/**
 * HttpApi route selection as API Gateway does it: literal segments beat {@code {param}} segments,
 * which beat a greedy {@code {proxy+}}; an exact method beats ANY; {@code $default} catches the rest.
 */
public final class RouteTable<T> {

    /** A route with what it leads to (a function). */
    public record Entry<T>(HttpRoute route, T target) {}

    /** The selected route and its decoded path parameters. */
    public record Match<T>(HttpRoute route, T target, Map<String, String> pathParameters) {}

    private sealed interface Segment {}

    private record Literal(String text) implements Segment {}

    private record Param(String name) implements Segment {}

    private record Greedy(String name) implements Segment {}

    private record Compiled<T>(Entry<T> entry, List<Segment> segments) {}

    private final List<Compiled<T>> routes = new ArrayList<>();

    public RouteTable(List<Entry<T>> entries) {
        for (Entry<T> entry : entries) {
            routes.add(new Compiled<>(entry, compile(entry.route().path())));
        }
    }

    public Optional<Match<T>> match(String method, String rawPath) {
        record Candidate<T>(Match<T> match, int score) {}
        List<String> requestSegments = split(rawPath);
        List<Candidate<T>> candidates = new ArrayList<>();
        for (Compiled<T> compiled : routes) {
            HttpRoute route = compiled.entry().route();
            boolean anyMethod = route.method().equals("ANY");
            if (!anyMethod && !route.method().equalsIgnoreCase(method)) {
                continue;
            }
            if (route.path().equals("$default")) {
                candidates.add(new Candidate<>(new Match<>(route, compiled.entry().target(), Map.of()), 0));
                continue;
            }
            Map<String, String> parameters = matchSegments(compiled.segments(), requestSegments);
            if (parameters == null) {
                continue;
            }
            int literals = (int) compiled.segments().stream().filter(Literal.class::isInstance).count();
            boolean greedy = compiled.segments().stream().anyMatch(Greedy.class::isInstance);
            // rank: not greedy, then most literal segments, then exact method
            int score = 1 + (greedy ? 0 : 1_000_000) + literals * 10 + (anyMethod ? 0 : 1);
            candidates.add(new Candidate<>(new Match<>(route, compiled.entry().target(), parameters), score));
        }
        return candidates.stream().max(Comparator.comparingInt(Candidate::score)).map(Candidate::match);
    }

    public List<Entry<T>> entries() {
        return routes.stream().map(Compiled::entry).toList();
    }

    private static Map<String, String> matchSegments(List<Segment> pattern, List<String> request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            Segment segment = pattern.get(i);
            if (segment instanceof Greedy(String name)) {
                if (i >= request.size()) {
                    return null;
                }
                List<String> rest = request.subList(i, request.size());
                parameters.put(name, decode(String.join("/", rest)));
                return parameters;
            }
            if (i >= request.size()) {
                return null;
            }
            String value = request.get(i);
            switch (segment) {
                case Literal(String text) -> {
                    if (!text.equals(decode(value))) {
                        return null;
                    }
                }
                case Param(String name) -> {
                    if (value.isEmpty()) {
                        return null;
                    }
                    parameters.put(name, decode(value));
                }
                case Greedy ignored -> throw new AssertionError();
            }
        }
        return pattern.size() == request.size() ? parameters : null;
    }

    private static List<Segment> compile(String path) {
        if (path.equals("$default")) {
            return List.of();
        }
        List<Segment> segments = new ArrayList<>();
        for (String part : split(path)) {
            if (part.startsWith("{") && part.endsWith("+}")) {
                segments.add(new Greedy(part.substring(1, part.length() - 2)));
            } else if (part.startsWith("{") && part.endsWith("}")) {
                segments.add(new Param(part.substring(1, part.length() - 1)));
            } else {
                segments.add(new Literal(part));
            }
        }
        return segments;
    }

    /** "/a/b/" -> [a, b, ""]: a trailing slash is a different path, as in API Gateway. */
    private static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return List.of(trimmed.split("/", -1));
    }

    /** Percent-decoding of a path segment ('+' is a plus sign in a path). */
    static String decode(String value) {
        try {
            return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return value;
        }
    }
}
