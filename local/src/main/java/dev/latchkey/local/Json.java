package dev.latchkey.local;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The dev server's one ObjectMapper (event building, response mapping, the outbox endpoint). The functions use no
 * jackson-databind ({@code dev.latchkey.functions.http.Json}); the dev server is not deployed, so it may.
 */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
