package dev.latchkey.functions.logging;

/**
 * CloudWatch metrics as embedded metric format (EMF): one JSON line on stdout per metric, which Lambda's log
 * pipeline turns into a metric (with the function's JSON log format too: the line is already a JSON object, so it
 * is kept as it is). Namespace {@code POWERTOOLS_METRICS_NAMESPACE} (else {@code Latchkey}), one dimension
 * {@code Service} = {@code POWERTOOLS_SERVICE_NAME} (else {@code latchkey}), and the request id as a property, as
 * Powertools' metrics module writes them.
 *
 * <p>Why not that module: it serialises through aws-embedded-metrics and jackson-databind, which load about 500
 * classes into every function for one counter per response (docs/performance.md, "What keeps cold starts small").
 * The format is small and documented: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */
public final class Metrics {
    private static final String NAMESPACE = orDefault(System.getenv("POWERTOOLS_METRICS_NAMESPACE"), "Latchkey");

    private Metrics() {
    }

    /** One line counting one occurrence of {@code name} (a metric name: letters and digits). */
    public static void count(String name) {
        LogSettings settings = JsonLogProvider.settings();
        settings.stream().print(line(System.currentTimeMillis(), NAMESPACE, settings.service(), name, 1, "Count",
                RequestLog.current()));
    }

    static String line(long epochMillis, String namespace, String service, String name, long value, String unit,
            RequestLog.Invocation invocation) {
        StringBuilder line = new StringBuilder(256);
        line.append("{\"_aws\":{\"Timestamp\":").append(epochMillis).append(",\"CloudWatchMetrics\":[{\"Namespace\":");
        JsonLine.string(line, namespace);
        line.append(",\"Dimensions\":[[\"Service\"]],\"Metrics\":[{\"Name\":");
        JsonLine.string(line, name);
        line.append(",\"Unit\":");
        JsonLine.string(line, unit);
        line.append("}]}]},\"Service\":");
        JsonLine.string(line, service);
        if (invocation != null && invocation.requestId() != null) {
            line.append(",\"function_request_id\":");
            JsonLine.string(line, invocation.requestId());
        }
        line.append(',');
        JsonLine.string(line, name);
        return line.append(':').append(value).append("}\n").toString();
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
