package dev.latchkey.devkit;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The Lambda context of one invocation outside Lambda: the dev server's, the cold-start bench's and the handler
 * tests'. A fresh request id per instance; its logger writes to a stream (stderr unless told otherwise).
 *
 * <p>Dev and test only: the shade configuration in functions/pom.xml keeps {@code dev/latchkey/devkit/**} out of the
 * deployment jar, and the cold-start bench copies this class next to its runners.
 */
public final class LambdaContext implements Context {
    public static final String ACCOUNT_ID = "123456789012";
    public static final String REGION = "us-east-1";

    private final String requestId = UUID.randomUUID().toString();
    private final String functionName;
    private final int memoryLimitMb;
    private final long deadlineMillis;
    private final String logStreamName;
    private final PrintStream log;

    /** A function as the dev server runs it: log stream of today, logger on stderr. */
    public LambdaContext(String functionName, int memoryLimitMb, int timeoutSeconds) {
        this(functionName, memoryLimitMb, timeoutSeconds,
                LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/') + "/[$LATEST]local", System.err);
    }

    public LambdaContext(String functionName, int memoryLimitMb, int timeoutSeconds, String logStreamName,
            PrintStream log) {
        this.functionName = functionName;
        this.memoryLimitMb = memoryLimitMb;
        this.deadlineMillis = System.currentTimeMillis() + timeoutSeconds * 1000L;
        this.logStreamName = logStreamName;
        this.log = log;
    }

    /**
     * The function Lambda's environment names ({@code AWS_LAMBDA_FUNCTION_NAME}, {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}),
     * else {@code fallbackName} with 1024 MB; logger on stderr.
     */
    public static LambdaContext fromEnvironment(String fallbackName, int timeoutSeconds, String logStreamName) {
        return new LambdaContext(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_NAME", fallbackName),
                Integer.parseInt(System.getenv().getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")),
                timeoutSeconds, logStreamName, System.err);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return logStreamName;
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT_ID + ":function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryLimitMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return new StreamLogger(log);
    }

    private record StreamLogger(PrintStream out) implements LambdaLogger {
        @Override
        public void log(String message) {
            out.print(message);
            out.flush();
        }

        @Override
        public void log(byte[] message) {
            log(new String(message, StandardCharsets.UTF_8));
        }
    }
}
