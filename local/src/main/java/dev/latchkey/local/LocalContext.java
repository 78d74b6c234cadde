package dev.latchkey.local;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The Lambda context of one local invocation; its logger writes to stderr. */
public final class LocalContext implements Context {
    static final String ACCOUNT_ID = "123456789012";
    static final String REGION = "us-east-1";

    private final String requestId = UUID.randomUUID().toString();
    private final String functionName;
    private final int memoryLimitMb;
    private final long deadlineMillis;
    private final LambdaLogger logger;

    public LocalContext(String functionName, int memoryLimitMb, int timeoutSeconds) {
        this(functionName, memoryLimitMb, timeoutSeconds, System.err);
    }

    public LocalContext(String functionName, int memoryLimitMb, int timeoutSeconds, PrintStream log) {
        this.functionName = functionName;
        this.memoryLimitMb = memoryLimitMb;
        this.deadlineMillis = System.currentTimeMillis() + timeoutSeconds * 1000L;
        this.logger = new StderrLogger(log);
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
        return LocalDate.now(ZoneOffset.UTC).toString().replace('-', '/') + "/[$LATEST]local";
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
        return logger;
    }

    private record StderrLogger(PrintStream out) implements LambdaLogger {
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
