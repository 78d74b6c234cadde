package dev.latchkey.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.local.DevServer;
import dev.latchkey.local.DevServerOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GET /v1/me through the dev server (the code behind {@code ./latchkey serve}: emulated API Gateway,
 * handler, DynamoDB Local) under load from a second process, wrk.
 */
public final class LatencyBench {
    private static final Pattern PERCENTILE = Pattern.compile("^\\s*(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$");
    private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Percentiles in milliseconds and the throughput wrk saw. */
    public record Result(Map<String, Double> percentilesMs, double requestsPerSecond, String command, String wrkVersion) {
    }

    private LatencyBench() {
    }

    public static Result measure(int seconds, int connections, PrintStream progress) throws Exception {
        String wrk = "wrk";
        try (DevServer server = DevServer.start(DevServerOptions.ephemeral().withOut(new PrintStream(OutputStream.nullOutputStream())))) {
            String base = "http://127.0.0.1:" + server.port();
            String token = signIn(base, server);
            String threads = "-t" + Math.min(2, connections);
            List<String> command = List.of(wrk, threads, "-c" + connections, "-d" + seconds + "s", "--latency",
                    "-H", "authorization: Bearer " + token, base + "/v1/me");
            progress.println("  warm-up: 5 s of wrk");
            run(List.of(wrk, threads, "-c" + connections, "-d5s", "-H", "authorization: Bearer " + token, base + "/v1/me"));
            progress.println("  measuring: " + seconds + " s of wrk, " + connections + " connections");
            String output = run(command);
            Map<String, Double> percentiles = new LinkedHashMap<>();
            double rps = 0;
            for (String line : output.split("\n")) {
                Matcher p = PERCENTILE.matcher(line);
                if (p.matches()) {
                    double value = Double.parseDouble(p.group(2));
                    percentiles.put("p" + p.group(1), switch (p.group(3)) {
                        case "us" -> value / 1000;
                        case "s" -> value * 1000;
                        default -> value;
                    });
                }
                Matcher r = REQUESTS.matcher(line);
                if (r.find()) {
                    rps = Double.parseDouble(r.group(1));
                }
            }
            if (!percentiles.containsKey("p50") || !percentiles.containsKey("p99")) {
                throw new IllegalStateException("could not read wrk's latency distribution:\n" + output);
            }
            String shown = String.join(" ", command).replace(token, "$TOKEN").replace(base, "http://127.0.0.1:$PORT");
            return new Result(percentiles, rps, shown, run(List.of(wrk, "-v")).lines().findFirst().orElse("wrk").trim());
        }
    }

    /** One column per result: e.g. a single connection (latency per request) and 16 (under load). */
    public static String markdown(List<String> labels, List<Result> results) {
        StringBuilder out = new StringBuilder("| GET /v1/me |");
        labels.forEach(l -> out.append(' ').append(l).append(" |"));
        out.append("\n|---|").append("---:|".repeat(results.size())).append('\n');
        for (String p : results.getFirst().percentilesMs().keySet()) {
            out.append("| ").append(p).append(" |");
            results.forEach(r -> out.append(String.format(java.util.Locale.ROOT, " %.2f ms |", r.percentilesMs().get(p))));
            out.append('\n');
        }
        out.append("| throughput |");
        results.forEach(r -> out.append(String.format(java.util.Locale.ROOT, " %.0f requests/s |", r.requestsPerSecond())));
        return out.append('\n').toString();
    }

    private static String signIn(String base, DevServer server) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        String password = "correct horse battery staple";
        post(http, base + "/v1/signup", "{\"email\":\"wrk@example.com\"}");
        String text = server.outbox().messages().getLast().text();
        Matcher m = Pattern.compile("token=([A-Za-z0-9_-]{43})").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no verification link");
        }
        post(http, base + "/v1/signup/confirm", "{\"token\":\"" + m.group(1) + "\",\"password\":\"" + password + "\"}");
        JsonNode session = JSON.readTree(post(http, base + "/v1/sessions", "{\"email\":\"wrk@example.com\",\"password\":\"" + password + "\"}"));
        return session.at("/session/token").asText();
    }

    private static String post(HttpClient http, String url, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed (apt-get install wrk); ./latchkey bench installs it when it can", e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk did not finish");
        }
        return output;
    }
}
