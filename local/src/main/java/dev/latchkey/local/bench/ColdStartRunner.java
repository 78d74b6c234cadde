package dev.latchkey.local.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import dev.latchkey.devkit.LambdaContext;

/**
 * One cold start, in a fresh JVM started by {@link ColdStartBench}: {@code ColdStartRunner <handlerClass> <eventFile>}.
 *
 * <p>It does what the Lambda Java runtime (aws-lambda-java-runtime-interface-client's EventHandlerLoader) does on a
 * cold start, and nothing more. Init: load the handler class, construct it with its public no-arg constructor (the
 * Lambda path: the handler builds the Dagger component from the environment), create the runtime's serializers for
 * the handler's input and output types. First invocation: event JSON to input object, {@code handleRequest},
 * output object to response JSON. It prints one JSON line with the timings on stdout; everything else the JVM
 * writes (logs, EMF metrics, the outbox's mail) goes to stderr.
 *
 * <p>Runs on the shaded functions jar plus aws-lambda-java-serialization only: no other class of the local module,
 * and of the devkit only {@link LambdaContext}, which stands in for the runtime's own context.
 */
public final class ColdStartRunner {

    private ColdStartRunner() {
    }

    public static void main(String[] args) throws Exception {
        long mainEpochMs = System.currentTimeMillis();
        long mainNanos = System.nanoTime();
        // stdout carries the one result line; logs and metrics the handler prints go to stderr
        PrintStream result = System.out;
        System.setOut(System.err);
        if (args.length != 2) {
            System.err.println("usage: ColdStartRunner <handlerClass> <eventFile>");
            System.exit(2);
        }
        byte[] event = Files.readAllBytes(Path.of(args[1]));

        // init, as the Lambda Java runtime does it: load and construct the handler, then create the serializers for
        // its input and output types (the runtime's EventHandlerLoader does both before the first invocation)
        ClassLoader loader = ColdStartRunner.class.getClassLoader();
        Class<?> type = Class.forName(args[0], true, loader);
        Object handler = type.getConstructor().newInstance();
        long constructedNanos = System.nanoTime();
        long initNanos;
        long deserialisedNanos;
        long handledNanos;
        long respondedNanos;
        Object output;
        if (handler instanceof RequestStreamHandler stream) {
            // a stream handler: the runtime builds no serializers; the handler reads and writes the JSON itself
            initNanos = constructedNanos;
            deserialisedNanos = initNanos;
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(event), response,
                    LambdaContext.fromEnvironment("ColdStartBench", 15, "bench/[$LATEST]cold"));
            handledNanos = System.nanoTime();
            respondedNanos = handledNanos;
            output = response.toString(java.nio.charset.StandardCharsets.UTF_8);
        } else {
            Type[] types = handlerTypes(type);
            PojoSerializer<Object> inputSerializer = serializerFor(types[0], loader);
            PojoSerializer<Object> outputSerializer = serializerFor(types[1], loader);
            initNanos = System.nanoTime();

            // first invocation: event JSON -> input, handleRequest, output -> response JSON
            Object input = inputSerializer.fromJson(new ByteArrayInputStream(event));
            deserialisedNanos = System.nanoTime();
            @SuppressWarnings("unchecked")
            RequestHandler<Object, Object> requestHandler = (RequestHandler<Object, Object>) handler;
            output = requestHandler.handleRequest(input,
                    LambdaContext.fromEnvironment("ColdStartBench", 15, "bench/[$LATEST]cold"));
            handledNanos = System.nanoTime();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            outputSerializer.toJson(output, response);
            respondedNanos = System.nanoTime();
        }

        // read after the response, so loading the management classes stays out of the measured window
        long jvmStartEpochMs = ManagementFactory.getRuntimeMXBean().getStartTime();
        double mainMs = mainEpochMs - jvmStartEpochMs;
        Timings timings = new Timings(mainMs,
                mainMs + millis(constructedNanos - mainNanos),
                mainMs + millis(initNanos - mainNanos),
                millis(deserialisedNanos - initNanos),
                millis(handledNanos - deserialisedNanos),
                millis(respondedNanos - handledNanos),
                millis(respondedNanos - initNanos));
        result.println(timings.json(args[0], jvmStartEpochMs, status(output)));
        result.flush();
        System.exit(0); // non-daemon threads (the SDK's) must not keep the JVM alive
    }

    /**
     * What one child measured, in ms. {@code constructedMs}, {@code initMs} and {@code mainMs} count from JVM start;
     * {@code deserialiseMs + handleMs + serialiseMs = firstResponseMs} count from the end of init.
     */
    record Timings(double mainMs, double constructedMs, double initMs, double deserialiseMs, double handleMs,
            double serialiseMs, double firstResponseMs) {

        String json(String handler, long jvmStartEpochMs, String status) {
            return "{\"handler\":" + BaselineRunner.quote(handler)
                    + ",\"jvmStartEpochMs\":" + jvmStartEpochMs
                    + ",\"mainMs\":" + round(mainMs)
                    + ",\"constructedMs\":" + round(constructedMs)
                    + ",\"initMs\":" + round(initMs)
                    + ",\"deserialiseMs\":" + round(deserialiseMs)
                    + ",\"handleMs\":" + round(handleMs)
                    + ",\"serialiseMs\":" + round(serialiseMs)
                    + ",\"firstResponseMs\":" + round(firstResponseMs)
                    + ",\"totalMs\":" + round(initMs + firstResponseMs)
                    + ",\"status\":" + BaselineRunner.quote(status) + "}";
        }
    }

    /** "200" for an HTTP response, "isAuthorized=true (session)" for a simple authorizer response. */
    private static final java.util.regex.Pattern STATUS = java.util.regex.Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");
    private static final java.util.regex.Pattern DECISION = java.util.regex.Pattern.compile("\"isAuthorized\"\\s*:\\s*(true|false)");
    private static final java.util.regex.Pattern CREDENTIAL = java.util.regex.Pattern.compile("\"credentialType\"\\s*:\\s*\"([a-z_]+)\"");

    private static String status(Object output) {
        if (output instanceof String json) {
            java.util.regex.Matcher status = STATUS.matcher(json);
            if (status.find()) {
                return status.group(1);
            }
            java.util.regex.Matcher decision = DECISION.matcher(json);
            if (decision.find()) {
                java.util.regex.Matcher credential = CREDENTIAL.matcher(json);
                return "isAuthorized=" + decision.group(1) + (credential.find() ? " (" + credential.group(1) + ")" : "");
            }
            return "unrecognised response";
        }
        if (output instanceof APIGatewayV2HTTPResponse response) {
            return String.valueOf(response.getStatusCode());
        }
        if (output instanceof Map<?, ?> map && map.containsKey("isAuthorized")) {
            Object context = map.get("context");
            Object credential = context instanceof Map<?, ?> ctx ? ctx.get("credentialType") : null;
            return "isAuthorized=" + map.get("isAuthorized") + (credential == null ? "" : " (" + credential + ")");
        }
        return output == null ? "null" : output.getClass().getSimpleName();
    }

    /** The I and O of the RequestHandler&lt;I, O&gt; the class (or a superclass) implements. */
    private static Type[] handlerTypes(Class<?> handlerClass) {
        for (Class<?> c = handlerClass; c != null; c = c.getSuperclass()) {
            for (Type implemented : c.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType parameterized
                        && parameterized.getRawType() == RequestHandler.class) {
                    return parameterized.getActualTypeArguments();
                }
            }
        }
        throw new IllegalStateException(handlerClass.getName() + " does not implement RequestHandler<I, O>");
    }

    /** As the runtime chooses: the event serializer for the event types it knows, plain Jackson otherwise. */
    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializerFor(Type type, ClassLoader loader) {
        if (type instanceof Class<?> eventClass && LambdaEventSerializers.isLambdaSupportedEvent(eventClass.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(eventClass, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }

    private static double millis(long nanos) {
        return nanos / 1_000_000.0;
    }

    private static String round(double ms) {
        return String.valueOf(Math.round(ms * 10) / 10.0);
    }
}
