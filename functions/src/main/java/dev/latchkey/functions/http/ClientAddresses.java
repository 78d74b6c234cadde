package dev.latchkey.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.config.Config;
import dev.latchkey.config.OriginSecret;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a request came from: its IP (for the per-IP attempt limits and a new session's record) and user agent.
 *
 * <p>Behind the stack's CloudFront distribution, API Gateway's {@code sourceIp} is an edge's address, shared by every
 * viewer that edge serves; the viewer's own is in {@code CloudFront-Viewer-Address}. Anyone calling the API's
 * {@code execute-api} URL directly could send that header too, so it is believed only when the request also carries
 * {@value #ORIGIN_SECRET_HEADER} with {@code LATCHKEY_ORIGIN_SECRET}, which the distribution adds to what it sends
 * the API (an origin custom header); compared in constant time. Otherwise, and always without a secret configured
 * (the dev server), the IP is {@code sourceIp}; so it is too when the viewer address is not one IP literal with a
 * port (two values joined, a name).
 */
public final class ClientAddresses {
    /** The header the distribution adds, holding the origin secret (API Gateway passes header names in lower case). */
    public static final String ORIGIN_SECRET_HEADER = "x-latchkey-origin-secret";
    /** CloudFront's header with the viewer's address and port. */
    public static final String VIEWER_ADDRESS_HEADER = "cloudfront-viewer-address";

    /** An IPv4 or IPv6 literal's characters, then the port: {@code 198.51.100.10:46532}, {@code 2001:db8::1:46532}. */
    private static final Pattern ADDRESS_AND_PORT = Pattern.compile("([0-9A-Fa-f:.]{2,45}):[0-9]{1,5}");

    private final byte[] secret;

    public ClientAddresses(Config config) {
        this(config.originSecret());
    }

    public ClientAddresses(Optional<OriginSecret> secret) {
        this.secret = secret.map(s -> s.value().getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    /** The request's client. */
    public ClientInfo of(APIGatewayV2HTTPEvent event) {
        var http = event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        String userAgent = http == null ? null : http.getUserAgent();
        if (userAgent == null) {
            userAgent = HttpHandler.header(event, "user-agent");
        }
        String sourceIp = http == null ? null : http.getSourceIp();
        return new ClientInfo(fromTheDistribution(event) ? viewerIp(HttpHandler.header(event, VIEWER_ADDRESS_HEADER)).orElse(sourceIp)
                : sourceIp, userAgent);
    }

    private boolean fromTheDistribution(APIGatewayV2HTTPEvent event) {
        if (secret == null) {
            return false;
        }
        String presented = HttpHandler.header(event, ORIGIN_SECRET_HEADER);
        return presented != null && MessageDigest.isEqual(secret, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The address in a {@code CloudFront-Viewer-Address} value, when it is an IP literal followed by a port. */
    static Optional<String> viewerIp(String header) {
        if (header == null) {
            return Optional.empty();
        }
        var matcher = ADDRESS_AND_PORT.matcher(header.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String address = matcher.group(1);
        try {
            InetAddress.ofLiteral(address); // a literal only: never a name to resolve
            return Optional.of(address);
        } catch (IllegalArgumentException notAnAddress) {
            return Optional.empty();
        }
    }
}
