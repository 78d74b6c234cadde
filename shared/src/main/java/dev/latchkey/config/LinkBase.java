package dev.latchkey.config;

import java.net.URI;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where mail links start ({@code LATCHKEY_LINK_BASE_URL}): a URL, or {@code ssm:<name>}, an SSM parameter holding
 * the URL, read when the first link is built (the template's default without a domain of your own: the parameter
 * holds the CloudFront distribution's address, which the functions' environment cannot name without a cycle).
 */
public sealed interface LinkBase {
    /** The prefix of a parameter reference. */
    String PARAMETER_PREFIX = "ssm:";

    /** A URL given as it is. */
    record Url(URI url) implements LinkBase {
        public Url {
            requireSafe(url, "LATCHKEY_LINK_BASE_URL");
        }
    }

    /** The SSM parameter (a String) that holds the URL. */
    record Parameter(String name) implements LinkBase {
        /** SSM's parameter name characters; a hierarchy is a leading slash and slash-separated parts. */
        private static final Pattern NAME = Pattern.compile("/?[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*");

        public Parameter {
            if (name == null || name.length() > 1011 || !NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("LATCHKEY_LINK_BASE_URL: " + PARAMETER_PREFIX
                        + " must be followed by an SSM parameter name (letters, digits, _ . - and /): " + name);
            }
        }
    }

    /** {@code ssm:<name>} or a URL. */
    static LinkBase parse(String value) {
        String trimmed = Objects.requireNonNull(value, "LATCHKEY_LINK_BASE_URL").trim();
        if (trimmed.startsWith(PARAMETER_PREFIX)) {
            return new Parameter(trimmed.substring(PARAMETER_PREFIX.length()));
        }
        URI url;
        try {
            url = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LATCHKEY_LINK_BASE_URL is not a URL: " + trimmed);
        }
        return new Url(url);
    }

    /**
     * Links in mail carry one-time tokens: they must go to an https origin, so nothing on the way sees them. Plain
     * http only for localhost (the dev server). No query or fragment: the token rides in the fragment.
     *
     * @param source what the URL came from, for the message (the variable, or the parameter it was read from)
     */
    static URI requireSafe(URI base, String source) {
        if (base == null || base.getHost() == null) {
            throw new IllegalArgumentException(source + " must be an absolute URL");
        }
        boolean local = base.getHost().equals("localhost") || base.getHost().equals("127.0.0.1") || base.getHost().equals("[::1]");
        if (!"https".equals(base.getScheme()) && !(local && "http".equals(base.getScheme()))) {
            throw new IllegalArgumentException(source + " must be https (http only for localhost): " + base.getScheme() + "://" + base.getHost());
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException(source + " must not carry a query or fragment");
        }
        return base;
    }
}
