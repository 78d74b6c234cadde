package dev.latchkey.functions.http;

import dev.latchkey.error.DomainError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import software.amazon.awssdk.thirdparty.jackson.core.JsonProcessingException;

/**
 * A request's JSON object, read strictly: size limit, valid UTF-8, one object, no unknown or
 * duplicate fields, exact types. Every failure is a 400 naming the field ({@code body} when the
 * whole body is at fault).
 */
public final class RequestBody {
    public static final int MAX_BYTES = 16 * 1024;
    private static final String BODY = "body";

    private final JsonObject object;

    private RequestBody(JsonObject object) {
        this.object = object;
    }

    public static RequestBody parse(String body, boolean base64Encoded, Set<String> allowedFields) {
        String text = decode(body, base64Encoded);
        Object node;
        try {
            node = Json.parse(text);
        } catch (JsonProcessingException e) {
            throw DomainError.invalidField(BODY, "body is not valid JSON" + location(e));
        }
        if (!(node instanceof JsonObject object)) {
            throw DomainError.invalidField(BODY, "body must be a JSON object");
        }
        for (String name : object.names()) {
            if (!allowedFields.contains(name)) {
                throw DomainError.invalidField(printable(name), "unknown field '" + printable(name) + "'; allowed: "
                        + String.join(", ", allowedFields.stream().sorted().toList()));
            }
        }
        return new RequestBody(object);
    }

    /** A body on a route that takes none: only an empty JSON object passes. */
    public static void parseEmpty(String body, boolean base64Encoded) {
        try {
            parse(body, base64Encoded, Set.of());
        } catch (DomainError e) {
            throw DomainError.invalidField(BODY, "this route takes no body");
        }
    }

    /** Absent or null is null; present must be a whole number from 1 to 3650 (days). */
    public Integer optionalDays(String field) {
        Object value = object.get(field);
        if (value == null || value == Json.NULL) {
            return null;
        }
        if (!(value instanceof Integer days) || days < 1 || days > 3650) {
            throw DomainError.invalidField(field, field + " must be a whole number of days");
        }
        return days;
    }

    /** Absent is {@code fallback}; present must be true or false. */
    public boolean optionalBoolean(String field, boolean fallback) {
        Object value = object.get(field);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof Boolean flag)) {
            throw DomainError.invalidField(field, field + " must be true or false");
        }
        return flag;
    }

    /** Absent is null; present must be an array of at most {@code maxItems} strings, each at most {@code maxLength} long. */
    public java.util.List<String> optionalStringList(String field, int maxItems, int maxLength) {
        Object value = object.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof java.util.List<?> list)) {
            throw DomainError.invalidField(field, field + " must be an array of strings");
        }
        if (list.size() > maxItems) {
            throw DomainError.invalidField(field, field + " has more than " + maxItems + " items");
        }
        java.util.List<String> strings = new java.util.ArrayList<>(list.size());
        for (Object item : list) {
            strings.add(string(field, item, maxLength));
        }
        return strings;
    }

    /** A present, non-null string of at most {@code maxLength} UTF-16 units with valid Unicode. */
    public String requiredString(String field, int maxLength) {
        Object value = object.get(field);
        if (value == null) {
            throw DomainError.invalidField(field, field + " is required");
        }
        return string(field, value, maxLength);
    }

    /** Absent is null; present must be a valid string (an explicit null is refused, not read as absent). */
    public String optionalString(String field, int maxLength) {
        Object value = object.get(field);
        return value == null ? null : string(field, value, maxLength);
    }

    private static String string(String field, Object value, int maxLength) {
        if (!(value instanceof String text)) {
            throw DomainError.invalidField(field, field + " must be a string");
        }
        if (text.length() > maxLength) {
            throw DomainError.invalidField(field, field + " is too long (at most " + maxLength + " characters)");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw DomainError.invalidField(field, field + " must not contain NUL characters");
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    throw DomainError.invalidField(field, field + " contains invalid Unicode (an unpaired surrogate)");
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw DomainError.invalidField(field, field + " contains invalid Unicode (an unpaired surrogate)");
            }
        }
        return text;
    }

    private static String decode(String body, boolean base64Encoded) {
        if (body == null || body.isEmpty()) {
            throw DomainError.invalidField(BODY, "body is required");
        }
        byte[] bytes;
        if (base64Encoded) {
            try {
                bytes = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw DomainError.invalidField(BODY, "body is not valid base64");
            }
        } else {
            if (body.length() > MAX_BYTES) {
                throw DomainError.invalidField(BODY, "body is larger than " + MAX_BYTES + " bytes");
            }
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BYTES) {
            throw DomainError.invalidField(BODY, "body is larger than " + MAX_BYTES + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw DomainError.invalidField(BODY, "body is not valid UTF-8");
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    /** Field names echo back into errors: keep them short and printable. */
    private static String printable(String name) {
        String cleaned = name.codePoints()
                .filter(cp -> cp >= 0x20 && cp != 0x7f && !Character.isSurrogate((char) Math.min(cp, 0xFFFF)))
                .limit(64)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return cleaned.isEmpty() ? "?" : cleaned;
    }
}
