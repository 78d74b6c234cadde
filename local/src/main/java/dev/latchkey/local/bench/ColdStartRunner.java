package dev.latchkey.local.bench;

import static dev.latchkey.local.bench.BaselineRunner.millis;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import dev.latchkey.devkit.LambdaContext;

/**
 * One cold start, in a fresh JVM started by {@link ColdStartBench}:
 * {@code ColdStartRunner <handlerClass> <eventFile> [--restore]}.
 *
 * <p>It does what the Lambda Java runtime (aws-lambda-java-runtime-interface-client's EventHandlerLoader) does on a
 * cold start, and nothing more. Init: load the handler class, construct it with its public no-arg constructor (the
 * Lambda path: the handler builds the Dagger component from the environment), create the runtime's serializers for
 * the handler's input and output types. First invocation: event JSON to input object, {@code handleRequest},
 * output object to response JSON. It prints one JSON line with the timings on stdout ({@link BaselineRunner.Report});
 * everything else the JVM writes (logs, EMF metrics, the outbox's mail) goes to stderr.
 *
 * <p>With {@code --restore} (and {@code -Dorg.crac.Core.Compat=dev.latchkey.local.bench.crac}, which makes
 * {@code org.crac} hand the functions' registrations to {@link dev.latchkey.local.bench.crac.Core}), it asks for a
 * checkpoint after init, as Lambda does when it publishes a SnapStart version: the functions' {@code beforeCheckpoint}
 * hooks run (priming), then their {@code afterRestore} hooks, in this same JVM, and the first invocation is timed
 * from there. No memory image is taken or restored: see {@link ColdStartBench} for what that leaves out.
 *
 * <p>Runs on the shaded functions jar plus aws-lambda-java-serialization only: no other class of the local module
 * than the runners and the CRaC stand-in, and of the devkit only {@link LambdaContext}, which stands in for the
 * runtime's own context.
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
        boolean restore = List.of(args).contains("--restore");
        if (args.length != (restore ? 3 : 2) || args[0].startsWith("--") || args[1].startsWith("--")) {
            System.err.println("usage: ColdStartRunner <handlerClass> <eventFile> [--restore]");
            System.exit(2);
        }
        byte[] event = Files.readAllBytes(Path.of(args[1]));

        // init, as the Lambda Java runtime does it: load and construct the handler, then create the serializers for
        // its input and output types (the runtime's EventHandlerLoader does both before the first invocation)
        ClassLoader loader = ColdStartRunner.class.getClassLoader();
        Class<?> type = Class.forName(args[0], true, loader);
        Object handler = type.getConstructor().newInstance();
        long constructedNanos = System.nanoTime();
        // a stream handler: the runtime builds no serializers; the handler reads and writes the JSON itself
        RequestStreamHandler stream = handler instanceof RequestStreamHandler h ? h : null;
        PojoSerializer<Object> inputSerializer = null;
        PojoSerializer<Object> outputSerializer = null;
        if (stream == null) {
            Type[] types = handlerTypes(type);
            inputSerializer = serializerFor(types[0], loader);
            outputSerializer = serializerFor(types[1], loader);
        }
        long initNanos = System.nanoTime();

        // the emulated snapshot: beforeCheckpoint hooks (priming), then afterRestore hooks
        long checkpointNanos = initNanos;
        long restoredNanos = initNanos;
        int hooks = 0;
        if (restore) {
            hooks = dev.latchkey.local.bench.crac.Core.registered();
            org.crac.Core.checkpointRestore();
            restoredNanos = System.nanoTime();
            checkpointNanos = dev.latchkey.local.bench.crac.Core.checkpointNanos();
        }

        // first invocation: event JSON -> input, handleRequest, output -> response JSON
        DynamoWait.reset();
        long deserialisedNanos;
        long handledNanos;
        long respondedNanos;
        Object output;
        if (stream != null) {
            deserialisedNanos = System.nanoTime();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(event), response,
                    LambdaContext.fromEnvironment("ColdStartBench", 15, "bench/[$LATEST]cold"));
            handledNanos = System.nanoTime();
            respondedNanos = handledNanos;
            output = response.toString(java.nio.charset.StandardCharsets.UTF_8);
        } else {
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

        double mainMs = mainEpochMs - BaselineRunner.Report.jvmStartEpochMs();
        BaselineRunner.Report report = new BaselineRunner.Report(
                mainMs + millis(constructedNanos - mainNanos),
                mainMs + millis(initNanos - mainNanos),
                millis(deserialisedNanos - restoredNanos),
                millis(handledNanos - deserialisedNanos),
                millis(respondedNanos - handledNanos),
                millis(respondedNanos - restoredNanos),
                millis(checkpointNanos - initNanos),
                millis(restoredNanos - checkpointNanos),
                hooks);
        result.println(report.json(args[0], status(output)));
        result.flush();
        System.exit(0); // non-daemon threads (SDK, log4j) must not keep the JVM alive
    }

    private static final java.util.regex.Pattern STATUS = java.util.regex.Pattern.compile("\"statusCode\"\\s*:\\s*(\\d+)");
    private static final java.util.regex.Pattern DECISION = java.util.regex.Pattern.compile("\"isAuthorized\"\\s*:\\s*(true|false)");
    private static final java.util.regex.Pattern CREDENTIAL = java.util.regex.Pattern.compile("\"credentialType\"\\s*:\\s*\"([a-z_]+)\"");

    private static final java.util.regex.Pattern FAILURES = java.util.regex.Pattern.compile("\"batchItemFailures\"\\s*:\\s*\\[([^\\]]*)\\]");

    /**
     * "200" for an HTTP response, "isAuthorized=true (session)" for a simple authorizer response, "batchItemFailures=0"
     * for a stream batch's; a stream handler's as JSON text.
     */
    static String status(Object output) {
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
            java.util.regex.Matcher failures = FAILURES.matcher(json);
            if (failures.find()) {
                return "batchItemFailures=" + (failures.group(1).isBlank() ? 0 : failures.group(1).split("\\}\\s*,").length);
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
}
