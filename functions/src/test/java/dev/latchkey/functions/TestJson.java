package dev.latchkey.functions;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Tests read and write events and responses with jackson-databind: an independent parser checks what the functions write. */
public final class TestJson {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private TestJson() {
    }
}
