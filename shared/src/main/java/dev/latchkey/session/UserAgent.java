package dev.latchkey.session;

import dev.latchkey.auth.ClientInfo;

/**
 * The browser (or HTTP client) and operating system named by a recorded {@code User-Agent} header, for showing a
 * session to its owner. Each part is {@code null} when it cannot be told.
 *
 * <p><b>Version rule.</b> A version is shown as {@code major.minor}, with the minor part dropped when it is zero or
 * absent, and anything after the minor part (patch, build) dropped: {@code Firefox/140.0} gives "Firefox 140",
 * {@code Chrome/131.0.6778.86} "Chrome 131", {@code Version/17.5} "Safari 17.5", {@code curl/8.5.0} "curl 8.5",
 * {@code Mac OS X 10_15_7} "macOS 10.15", {@code iPhone OS 18_0} "iOS 18". The same rule applies to browsers, tools
 * and operating systems. A recognised product token with no usable version (no ASCII digit after it, or an absurdly
 * long number) gives the bare name: {@code "Firefox/"} gives "Firefox".
 *
 * <p><b>What is recognised.</b> Browsers, first match wins: Edge ({@code Edg/}, {@code EdgA/}, {@code EdgiOS/},
 * legacy {@code Edge/}), Opera ({@code OPR/}), Samsung Internet ({@code SamsungBrowser/}), Firefox ({@code Firefox/},
 * {@code FxiOS/}), Chrome ({@code Chrome/}, {@code CriOS/}), Safari ({@code Version/x} together with {@code Safari/},
 * not on Android, whose old stock browser sends the same tokens). Tools: curl, Wget, python-requests, okhttp,
 * Go-http-client, PostmanRuntime, Java HttpClient ({@code Java-http-client/}). Operating systems: Windows
 * ("Windows 10/11", "Windows 8.1", "Windows 8", "Windows 7", "Windows Vista", "Windows XP", else "Windows"), iOS and
 * iPadOS (an iPad before version 13 is "iOS"), Android, ChromeOS, macOS, Linux.
 *
 * <p><b>Safety.</b> The header is attacker-controlled. Parsing is a handful of {@code indexOf} scans and bounded
 * digit loops over at most {@link ClientInfo#MAX_USER_AGENT} characters (anything longer is cut, as it is when
 * recorded): no regular expressions, linear time, no exceptions. Tokens are matched case-sensitively and must not
 * follow a letter, digit or {@code -} (so {@code libcurl/} is not curl, {@code HeadlessChrome/} is not Chrome). The
 * result never echoes the input: it is built only from the fixed names above and ASCII digits and dots, so it is
 * safe to display.
 */
public record UserAgent(String browser, String os) {

    private static final UserAgent UNKNOWN = new UserAgent(null, null);

    /** Longest digit run accepted as one version component. */
    private static final int MAX_DIGITS = 8;

    /** Browser tokens in priority order: {token, display name}. Edge and Opera also send Chrome/, so come first. */
    private static final String[][] BROWSERS = {
        {"Edg/", "Edge"}, {"EdgA/", "Edge"}, {"EdgiOS/", "Edge"}, {"Edge/", "Edge"},
        {"OPR/", "Opera"},
        {"SamsungBrowser/", "Samsung Internet"},
        {"Firefox/", "Firefox"}, {"FxiOS/", "Firefox"},
        {"Chrome/", "Chrome"}, {"CriOS/", "Chrome"},
    };

    /** Non-browser HTTP clients: {token, display name}. */
    private static final String[][] TOOLS = {
        {"curl/", "curl"},
        {"Wget/", "Wget"},
        {"python-requests/", "python-requests"},
        {"okhttp/", "okhttp"},
        {"Go-http-client/", "Go-http-client"},
        {"PostmanRuntime/", "PostmanRuntime"},
        {"Java-http-client/", "Java HttpClient"},
    };

    /**
     * Parses a {@code User-Agent} header.
     *
     * @param userAgent the header as recorded; may be {@code null}, empty or garbage
     * @return the browser and operating system, each {@code null} when unknown; never {@code null} itself
     */
    public static UserAgent parse(String userAgent) {
        if (userAgent == null || userAgent.isEmpty()) {
            return UNKNOWN;
        }
        String ua = userAgent.length() > ClientInfo.MAX_USER_AGENT
                ? userAgent.substring(0, ClientInfo.MAX_USER_AGENT)
                : userAgent;
        String browser = browser(ua);
        String os = os(ua);
        return browser == null && os == null ? UNKNOWN : new UserAgent(browser, os);
    }

    private static String browser(String ua) {
        for (String[] b : BROWSERS) {
            int at = token(ua, b[0]);
            if (at >= 0) {
                return named(b[1], version(ua, at, false));
            }
        }
        if (token(ua, "Safari/") >= 0 && ua.indexOf("Android") < 0) {
            int at = token(ua, "Version/");
            if (at >= 0) {
                return named("Safari", version(ua, at, false));
            }
        }
        for (String[] t : TOOLS) {
            int at = token(ua, t[0]);
            if (at >= 0) {
                return named(t[1], version(ua, at, false));
            }
        }
        return null;
    }

    private static String os(String ua) {
        int at = ua.indexOf("Windows NT");
        if (at >= 0) {
            at += "Windows NT".length();
            if (at < ua.length() && ua.charAt(at) == ' ') {
                at++;
            }
            String v = version(ua, at, false);
            return v == null ? "Windows" : switch (v) {
                case "10" -> "Windows 10/11";
                case "6.3" -> "Windows 8.1";
                case "6.2" -> "Windows 8";
                case "6.1" -> "Windows 7";
                case "6" -> "Windows Vista";
                case "5.1", "5.2" -> "Windows XP";
                default -> "Windows";
            };
        }
        boolean iPad = ua.indexOf("iPad") >= 0;
        if (iPad || ua.indexOf("iPhone") >= 0 || ua.indexOf("iPod") >= 0) {
            // iPhone: "CPU iPhone OS 17_5 like Mac OS X"; iPad: "CPU OS 17_5 like Mac OS X".
            at = after(ua, "iPhone OS ");
            if (at < 0) {
                at = after(ua, "CPU OS ");
            }
            String v = at < 0 ? null : version(ua, at, true);
            String name = iPad && (v == null || major(v) >= 13) ? "iPadOS" : "iOS";
            return named(name, v);
        }
        at = after(ua, "Android");
        if (at >= 0) {
            if (at < ua.length() && ua.charAt(at) == ' ') {
                at++;
            }
            return named("Android", version(ua, at, false));
        }
        if (ua.indexOf("CrOS") >= 0) {
            return "ChromeOS";
        }
        at = after(ua, "Mac OS X");
        if (at >= 0) {
            if (at < ua.length() && ua.charAt(at) == ' ') {
                at++;
            }
            return named("macOS", version(ua, at, true));
        }
        if (ua.indexOf("Macintosh") >= 0) {
            return "macOS";
        }
        if (ua.indexOf("Linux") >= 0) {
            return "Linux";
        }
        if (ua.indexOf("Windows") >= 0) {
            return "Windows";
        }
        return null;
    }

    /**
     * Index just after the first occurrence of {@code token} that does not follow a letter, digit or {@code -};
     * -1 if there is none. Each retry starts past the previous hit, so the scan stays linear in practice.
     */
    private static int token(String ua, String token) {
        int from = 0;
        while (true) {
            int i = ua.indexOf(token, from);
            if (i < 0) {
                return -1;
            }
            if (i == 0 || !isWordChar(ua.charAt(i - 1))) {
                return i + token.length();
            }
            from = i + 1;
        }
    }

    private static int after(String ua, String text) {
        int i = ua.indexOf(text);
        return i < 0 ? -1 : i + text.length();
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '-';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9'; // ASCII only: Character.isDigit accepts other scripts' digits
    }

    /**
     * Reads {@code major[.minor]} at {@code at} per the class's version rule; {@code underscore} also accepts
     * {@code _} as the separator (Apple's OS versions). Null when there is no ASCII digit at {@code at} or a
     * component is longer than {@link #MAX_DIGITS}.
     */
    private static String version(String ua, int at, boolean underscore) {
        int majorEnd = digitsEnd(ua, at);
        if (majorEnd == at || majorEnd - at > MAX_DIGITS) {
            return null;
        }
        String major = ua.substring(at, majorEnd);
        if (majorEnd < ua.length()) {
            char sep = ua.charAt(majorEnd);
            if (sep == '.' || (underscore && sep == '_')) {
                int minorStart = majorEnd + 1;
                int minorEnd = digitsEnd(ua, minorStart);
                if (minorEnd > minorStart && minorEnd - minorStart <= MAX_DIGITS && !allZeros(ua, minorStart, minorEnd)) {
                    return major + "." + ua.substring(minorStart, minorEnd);
                }
            }
        }
        return major;
    }

    /** End of the run of ASCII digits starting at {@code at}, looking at no more than MAX_DIGITS + 1 characters. */
    private static int digitsEnd(String ua, int at) {
        int limit = Math.min(ua.length(), at + MAX_DIGITS + 1);
        int i = at;
        while (i < limit && isDigit(ua.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean allZeros(String ua, int from, int to) {
        for (int i = from; i < to; i++) {
            if (ua.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /** The major component of a version produced by {@link #version}, which is at most MAX_DIGITS ASCII digits. */
    private static int major(String version) {
        int dot = version.indexOf('.');
        return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    }

    private static String named(String name, String version) {
        return version == null ? name : name + " " + version;
    }
}
