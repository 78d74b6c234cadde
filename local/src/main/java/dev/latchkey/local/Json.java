package dev.latchkey.local;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The dev server's one ObjectMapper (event building, response mapping, the outbox endpoint). */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
