package dev.latchkey.functions;

import dev.latchkey.devkit.SamTemplate;
import java.util.List;
import java.util.Map;

/** template.yaml as the YAML loader reads it (intrinsics as {@link SamTemplate.Intrinsic} and friends), for the template's tests. */
final class TemplateParts {
    private static final Map<String, Object> DOCUMENT = SamTemplate.load(SamTemplate.locate()).document();

    private TemplateParts() {
    }

    static Map<String, Object> resources() {
        return map(DOCUMENT.get("Resources"));
    }

    /** The environment variables every function gets (Globals). */
    static Map<String, Object> functionEnvironment() {
        return map(map(map(map(DOCUMENT.get("Globals")).get("Function")).get("Environment")).get("Variables"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
