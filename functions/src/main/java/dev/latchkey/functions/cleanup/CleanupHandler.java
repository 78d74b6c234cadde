package dev.latchkey.functions.cleanup;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.latchkey.cleanup.CleaningUp;
import dev.latchkey.cleanup.CleaningUp.DeletedUser;
import dev.latchkey.functions.Wiring;
import dev.latchkey.functions.http.Json;
import dev.latchkey.functions.http.JsonObject;
import dev.latchkey.functions.logging.RequestLog;
import dev.latchkey.functions.wiring.LatchkeyComponent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The table's stream, filtered (template.yaml) to REMOVEs of profile items: for each, {@link CleaningUp} deletes
 * everything of that user. A record that fails is reported in {@code batchItemFailures} by its sequence number
 * (ReportBatchItemFailures), so Lambda retries from it and not the whole batch; records that are not a profile's
 * REMOVE are skipped. Read and written with {@link Json}: no event classes, no serializers at init.
 */
public final class CleanupHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CleanupHandler.class);

    private final CleaningUp cleaningUp;

    public CleanupHandler() {
        this(Wiring.component());
    }

    public CleanupHandler(LatchkeyComponent component) {
        this.cleaningUp = component.cleaningUp();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Object event = Json.parse(input);
        Map<String, Object> response = RequestLog.withContext(context, () -> handle(event));
        Json.write(response, output);
    }

    /** {@code {"batchItemFailures": [{"itemIdentifier": sequenceNumber}…]}} for a DynamoDB stream batch. */
    public Map<String, Object> handle(Object event) {
        List<JsonObject> failures = new ArrayList<>();
        List<?> records = event instanceof JsonObject json && json.get("Records") instanceof List<?> list ? list : List.of();
        for (Object item : records) {
            if (!(item instanceof JsonObject record) || !(record.get("dynamodb") instanceof JsonObject change)) {
                continue;
            }
            String sequence = change.get("SequenceNumber") instanceof String s ? s : null;
            DeletedUser user = deletedUser(record, change);
            if (user == null) {
                continue;
            }
            try {
                int forgotten = cleaningUp.cleanUp(user);
                LOG.info("cleanup: user {} forgotten, {} items deleted", user.userId(), forgotten);
            } catch (RuntimeException e) {
                LOG.error("cleanup: user {} failed with {}; reported for a retry", user.userId(), e.getClass().getName(), e);
                if (sequence != null) {
                    failures.add(new JsonObject().put("itemIdentifier", sequence));
                }
            }
        }
        return Map.of("batchItemFailures", failures);
    }

    /** The user of a profile item's REMOVE, from its old image; null for any other record. */
    static DeletedUser deletedUser(JsonObject record, JsonObject change) {
        if (!"REMOVE".equals(record.get("eventName")) || !(change.get("OldImage") instanceof JsonObject old)) {
            return null;
        }
        String sk = string(old, "sk");
        String id = string(old, "id");
        if (!"user".equals(string(old, "type")) || !"PROFILE".equals(sk) || id == null) {
            return null;
        }
        return new DeletedUser(id, string(old, "email"), string(old, "emailNormalized"), string(old, "username"));
    }

    private static String string(JsonObject image, String attribute) {
        return image.get(attribute) instanceof JsonObject value && value.get("S") instanceof String s ? s : null;
    }
}
