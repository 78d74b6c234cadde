package dev.latchkey.local;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Comparator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import dev.latchkey.devkit.LambdaContext;
import dev.latchkey.devkit.SamTemplate.FunctionDef;

/**
 * One function of template.yaml, loaded like the Lambda Java runtime loads it: the handler class is
 * instantiated once through its public no-arg constructor, event JSON is turned into the handler's
 * input type and its output back into JSON with the runtime's own serializers
 * (aws-lambda-java-serialization: the event mix-ins for the event types it knows, Jackson otherwise).
 */
public final class LambdaFunction {
    private final FunctionDef definition;
    private final java.util.concurrent.atomic.AtomicLong invocations = new java.util.concurrent.atomic.AtomicLong();
    private final Object handler;
    private final Method method;
    private final PojoSerializer<Object> inputSerializer;
    private final PojoSerializer<Object> outputSerializer;

    private LambdaFunction(FunctionDef definition, Object handler, Method method,
            PojoSerializer<Object> inputSerializer, PojoSerializer<Object> outputSerializer) {
        this.definition = definition;
        this.handler = handler;
        this.method = method;
        this.inputSerializer = inputSerializer;
        this.outputSerializer = outputSerializer;
    }

    /** Loads the handler class and runs its constructor (the function's init phase). */
    public static LambdaFunction load(FunctionDef definition) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Class<?> type;
        try {
            type = Class.forName(definition.handlerClass(), true, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(definition.logicalId() + ": handler class "
                    + definition.handlerClass() + " is not on the class path", e);
        }
        Object instance;
        try {
            instance = type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(definition.logicalId() + ": " + type.getName()
                    + "'s constructor failed", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(definition.logicalId() + ": " + type.getName()
                    + " needs a public no-arg constructor", e);
        }
        if (instance instanceof RequestStreamHandler) {
            return new LambdaFunction(definition, instance, null, null, null);
        }
        Method method = handlerMethod(type, definition.handlerMethod());
        PojoSerializer<Object> input = method.getParameterCount() == 0
                ? null
                : serializerFor(method.getGenericParameterTypes()[0], loader);
        Type returnType = method.getGenericReturnType();
        PojoSerializer<Object> output = returnType == void.class || returnType == Void.class
                ? null
                : serializerFor(returnType, loader);
        return new LambdaFunction(definition, instance, method, input, output);
    }

    /** How many times this function was invoked (what Lambda would bill). */
    public long invocations() {
        return invocations.get();
    }

    public FunctionDef definition() {
        return definition;
    }

    public String name() {
        return definition.logicalId();
    }

    public LambdaContext newContext() {
        return new LambdaContext(definition.logicalId(), definition.memorySizeMb(), definition.timeoutSeconds());
    }

    /**
     * Invokes the function with an event as JSON and returns its response as JSON, as the Lambda
     * runtime would put it on the wire. An exception thrown by the handler is rethrown as is.
     */
    public byte[] invoke(byte[] eventJson, Context context) throws Exception {
        invocations.incrementAndGet();
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(eventJson), out, context);
            return out.toByteArray();
        }
        Object input = inputSerializer == null ? null : inputSerializer.fromJson(new ByteArrayInputStream(eventJson));
        Object output = invokeTyped(input, context);
        if (outputSerializer == null) {
            return "null".getBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        outputSerializer.toJson(output, out);
        return out.toByteArray();
    }

    /** Deserializes an event JSON into this function's input type (for tests of event building). */
    public Object readInput(InputStream eventJson) {
        if (inputSerializer == null) {
            throw new IllegalStateException(name() + " takes no typed input");
        }
        return inputSerializer.fromJson(eventJson);
    }

    @SuppressWarnings("unchecked")
    private Object invokeTyped(Object input, Context context) throws Exception {
        if (handler instanceof RequestHandler<?, ?> requestHandler && method.getName().equals("handleRequest")
                && method.getParameterCount() == 2) {
            return ((RequestHandler<Object, Object>) requestHandler).handleRequest(input, context);
        }
        try {
            return switch (method.getParameterCount()) {
                case 0 -> method.invoke(handler);
                case 1 -> method.invoke(handler, input);
                default -> method.invoke(handler, input, context);
            };
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * The method named in Handler: {@code (Input, Context)}, {@code (Input)} or {@code ()}; of several
     * overloads the one with a concrete input type wins (bridge methods take Object).
     */
    private static Method handlerMethod(Class<?> type, String name) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && !m.isBridge() && !m.isSynthetic())
                .filter(m -> m.getParameterCount() <= 1
                        || (m.getParameterCount() == 2 && m.getParameterTypes()[1] == Context.class))
                .max(Comparator.comparingInt(Method::getParameterCount)
                        .thenComparing(m -> m.getParameterCount() > 0 && m.getParameterTypes()[0] != Object.class))
                .orElseThrow(() -> new IllegalStateException(type.getName() + " has no public method " + name
                        + "(input, Context)"));
    }

    /** What the Java runtime does: event mix-ins for the event classes it knows, plain Jackson otherwise. */
    @SuppressWarnings("unchecked")
    static PojoSerializer<Object> serializerFor(Type type, ClassLoader loader) {
        if (type instanceof Class<?> eventClass && LambdaEventSerializers.isLambdaSupportedEvent(eventClass.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(eventClass, loader);
        }
        return JacksonFactory.getInstance().getSerializer(type);
    }
}
