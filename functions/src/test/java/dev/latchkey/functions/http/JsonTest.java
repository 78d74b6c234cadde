package dev.latchkey.functions.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.functions.TestJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;

@DisplayName("Json: the functions' streaming parser and writer")
class JsonTest {

    @Test
    @DisplayName("a parsed tree keeps types, order, and tells a JSON null from an absent field")
    @SuppressWarnings("unchecked")
    void parsesTypes() throws Exception {
        Object parsed = Json.parse("{\"s\":\"x\\u00e9\",\"i\":42,\"l\":9999999999,\"b\":123456789012345678901234567890,"
                + "\"d\":1.5,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"two\",{}]}");
        assertThat(parsed).isInstanceOf(JsonObject.class);
        JsonObject object = (JsonObject) parsed;
        assertThat(object.names()).containsExactly("s", "i", "l", "b", "d", "t", "f", "n", "a");
        assertThat(object.get("s")).isEqualTo("xé");
        assertThat(object.get("i")).isEqualTo(42);
        assertThat(object.get("l")).isEqualTo(9_999_999_999L);
        assertThat(object.get("b")).isEqualTo(new BigInteger("123456789012345678901234567890"));
        assertThat(object.get("d")).isEqualTo(1.5);
        assertThat(object.get("t")).isEqualTo(true);
        assertThat(object.get("f")).isEqualTo(false);
        assertThat(object.get("n")).isSameAs(Json.NULL);
        assertThat(object.get("missing")).isNull();
        assertThat((List<Object>) object.get("a")).hasSize(3).startsWith(1, "two");
    }

    @ParameterizedTest(name = "case={0} is refused")
    @ValueSource(strings = {"", "{", "{} {}", "{}x", "{\"a\":1,\"a\":2}", "{\"a\":{\"b\":1,\"b\":1}}", "[1,]", "{'a':1}",
            "{\"a\":NaN}", "{\"a\":01}", "{\"a\":\"\u0001\"}", "123456789012345678901234567890123456789012345678901234567890123456789"})
    void refusesMalformedInput(String text) {
        assertThatThrownBy(() -> Json.parse(text)).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    @DisplayName("nesting deeper than 32 is refused before it can exhaust the stack")
    void refusesDeepNesting() throws Exception {
        assertThat(Json.parse("[".repeat(32) + "]".repeat(32))).isInstanceOf(List.class);
        assertThatThrownBy(() -> Json.parse("[".repeat(33) + "]".repeat(33))).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> Json.parse("[".repeat(100_000))).isInstanceOf(JsonProcessingException.class);
    }

    @Test
    @DisplayName("what it writes, an independent parser reads back the same, control characters and all")
    void writesWhatDatabindReads() throws Exception {
        JsonObject object = new JsonObject()
                .put("text", "quote \" backslash \\ newline \n nul \u0000 é 😀 </script>")
                .put("absent", (String) null)
                .put("count", 7)
                .put("flag", true)
                .put("nested", new JsonObject().put("k", "v"))
                .put("list", List.of(new JsonObject().put("x", 1), "s"));
        String written = Json.write(object);
        JsonNode read = TestJson.MAPPER.readTree(written);
        assertThat(read.get("text").asText()).isEqualTo("quote \" backslash \\ newline \n nul \u0000 é 😀 </script>");
        assertThat(read.get("absent").isNull()).isTrue();
        assertThat(read.get("count").asInt()).isEqualTo(7);
        assertThat(read.get("flag").asBoolean()).isTrue();
        assertThat(read.get("nested").get("k").asText()).isEqualTo("v");
        assertThat(read.get("list").get(0).get("x").asInt()).isEqualTo(1);
        assertThat(Json.write(Json.parse(written))).isEqualTo(written);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Json.write(Map.of("isAuthorized", false), out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"isAuthorized\":false}");
        assertThat(Json.parse(new ByteArrayInputStream(out.toByteArray()))).isInstanceOf(JsonObject.class);
    }
}
