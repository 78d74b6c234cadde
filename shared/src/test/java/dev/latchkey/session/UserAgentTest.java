package dev.latchkey.session;

import dev.latchkey.auth.ClientInfo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("UserAgent.parse")
class UserAgentTest {

    @ParameterizedTest(name = "case={0}: browser={2}, os={3}")
    @DisplayName("case=real-world User-Agent strings give the expected browser and OS")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Chrome on Windows        | Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.86 Safari/537.36 | Chrome 131 | Windows 10/11
            Edge on Windows          | Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86 | Edge 131 | Windows 10/11
            legacy Edge on Windows   | Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045 | Edge 18.19045 | Windows 10/11
            Firefox on Windows       | Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0 | Firefox 140 | Windows 10/11
            Firefox ESR on Windows 7 | Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:115.0) Gecko/20100101 Firefox/115.0 | Firefox 115 | Windows 7
            Chrome on Windows 8.1    | Mozilla/5.0 (Windows NT 6.3; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36 | Chrome 109 | Windows 8.1
            Safari on macOS          | Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15 | Safari 17.5 | macOS 10.15
            Safari 18 on macOS       | Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15 | Safari 18 | macOS 14.5
            Firefox on macOS         | Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:128.0) Gecko/20100101 Firefox/128.0 | Firefox 128 | macOS 14.5
            Opera on macOS           | Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 OPR/115.0.0.0 | Opera 115 | macOS 10.15
            Safari on iPhone         | Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 | Safari 17.5 | iOS 17.5
            Safari on iPad           | Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1 | Safari 17.5 | iPadOS 17.5
            Safari on an old iPad    | Mozilla/5.0 (iPad; CPU OS 12_5_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.1.2 Mobile/15E148 Safari/604.1 | Safari 12.1 | iOS 12.5
            Chrome on iPhone         | Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1 | Chrome 131 | iOS 17.5
            Firefox on iPhone        | Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/132.0 Mobile/15E148 Safari/605.1.15 | Firefox 132 | iOS 18.1
            Edge on iPhone           | Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 EdgiOS/131.0.2903.68 Mobile/15E148 Safari/605.1.15 | Edge 131 | iOS 18
            Chrome on Android        | Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 | Chrome 131 | Android 10
            Samsung Internet         | Mozilla/5.0 (Linux; Android 14; SM-S928B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36 | Samsung Internet 26 | Android 14
            Firefox on Android       | Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0 | Firefox 133 | Android 14
            Edge on Android          | Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36 EdgA/131.0.0.0 | Edge 131 | Android 10
            Opera on Android         | Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36 OPR/85.0.0.0 | Opera 85 | Android 10
            old Android stock browser| Mozilla/5.0 (Linux; U; Android 4.4.2; en-us; SM-G900P Build/KOT49H) AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30 | - | Android 4.4
            Firefox on Ubuntu        | Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0 | Firefox 133 | Linux
            Chrome on Linux          | Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome 131 | Linux
            Chrome on ChromeOS       | Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 | Chrome 131 | ChromeOS
            curl                     | curl/8.5.0 | curl 8.5 | -
            Wget                     | Wget/1.21.4 | Wget 1.21 | -
            python-requests          | python-requests/2.32.3 | python-requests 2.32 | -
            okhttp                   | okhttp/4.12.0 | okhttp 4.12 | -
            Go HTTP/1.1 client       | Go-http-client/1.1 | Go-http-client 1.1 | -
            Go HTTP/2 client         | Go-http-client/2.0 | Go-http-client 2 | -
            Postman                  | PostmanRuntime/7.42.0 | PostmanRuntime 7.42 | -
            Java HttpClient          | Java-http-client/21.0.2 | Java HttpClient 21 | -
            Java 25 HttpClient       | Java-http-client/25 | Java HttpClient 25 | -
            """)
    void realWorld(String label, String userAgent, String browser, String os) {
        assertThat(UserAgent.parse(userAgent)).isEqualTo(new UserAgent(browser, os));
    }

    @ParameterizedTest(name = "case=input [{0}] is unknown on both counts")
    @DisplayName("case=null, empty and blank input give UserAgent(null, null)")
    @NullAndEmptySource
    @ValueSource(strings = {" ", "\t", "Mozilla/5.0", "Mozilla/5.0 ()", "-", "\u0000"})
    void nothingToGoOn(String userAgent) {
        assertThat(UserAgent.parse(userAgent)).isEqualTo(new UserAgent(null, null));
    }

    @Test
    @DisplayName("case=512 characters of junk give UserAgent(null, null) without an exception")
    void junk() {
        String alphabet = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \u0000\u00e9\u0663\uffff\ud83d\ude00abcXYZ0189_";
        StringBuilder sb = new StringBuilder(512);
        long seed = 42;
        while (sb.length() < 512) {
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            sb.append(alphabet.charAt((int) ((seed >>> 33) % alphabet.length())));
        }
        assertThat(sb).hasSize(512);
        assertThat(UserAgent.parse(sb.toString())).isEqualTo(new UserAgent(null, null));
    }

    @ParameterizedTest(name = "case=[{0}] gives browser={1}, os={2}")
    @DisplayName("case=a recognised token with no usable version gives the bare name")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            Firefox/                                 | Firefox | -
            Firefox                                  | -       | -
            Firefox/abc                              | Firefox | -
            Firefox/.5                               | Firefox | -
            Chrome/123456789012345678901234567890    | Chrome  | -
            Chrome/131.                              | Chrome 131 | -
            Safari/605.1.15                          | -       | -
            Version/ Safari/                         | Safari  | -
            curl/                                    | curl    | -
            Windows NT                               | -       | Windows
            Windows NT 99.9                          | -       | Windows
            Mac OS X                                 | -       | macOS
            (Macintosh)                              | -       | macOS
            (iPhone)                                 | -       | iOS
            (iPad)                                   | -       | iPadOS
            Android                                  | -       | Android
            Android;                                 | -       | Android
            """)
    void almostAMatch(String userAgent, String browser, String os) {
        assertThat(UserAgent.parse(userAgent)).isEqualTo(new UserAgent(browser, os));
    }

    @ParameterizedTest(name = "case=[{0}] is not mistaken for a known product")
    @DisplayName("case=tokens glued to a preceding word, or in the wrong case, are not recognised")
    @ValueSource(strings = {"libcurl/7.88.1", "xcurl/8.5.0", "CURL/8.5.0", "firefox/140.0", "NotEdg/131.0", "my-okhttp/4.12.0",
        "HeadlessChrome/131.0.0.0"})
    void boundaries(String userAgent) {
        assertThat(UserAgent.parse(userAgent).browser()).isNull();
    }

    @Test
    @DisplayName("case=non-ASCII digits after a token are not taken as a version")
    void nonAsciiDigits() {
        assertThat(UserAgent.parse("Firefox/\u0661\u0664\u0660.0").browser()).isEqualTo("Firefox");
        assertThat(UserAgent.parse("Windows NT \u0661\u0660.0").os()).isEqualTo("Windows");
    }

    @Test
    @DisplayName("case=the result never echoes attacker-controlled text")
    void noEcho() {
        UserAgent parsed = UserAgent.parse("Firefox/<script>alert(1)</script> (Android <img src=x onerror=alert(1)>)");
        assertThat(parsed).isEqualTo(new UserAgent("Firefox", "Android"));
    }

    @Test
    @DisplayName("case=only the first 512 characters are read, as only those are recorded")
    void truncated() {
        String padding = "x".repeat(ClientInfo.MAX_USER_AGENT);
        assertThat(UserAgent.parse(padding + " curl/8.5.0 (Linux)")).isEqualTo(new UserAgent(null, null));
        assertThat(UserAgent.parse("curl/8.5.0 (Linux) " + padding)).isEqualTo(new UserAgent("curl 8.5", "Linux"));
    }

    @Test
    @DisplayName("case=pathological repetition is parsed without trouble")
    void pathologicalRepetition() {
        assertThat(UserAgent.parse("Mozilla/5.0 (".repeat(100))).isEqualTo(new UserAgent(null, null));
        assertThat(UserAgent.parse("xEdg/".repeat(100))).isEqualTo(new UserAgent(null, null));
        assertThat(UserAgent.parse("Chrome/".repeat(100))).isEqualTo(new UserAgent("Chrome", null));
        assertThat(UserAgent.parse("9".repeat(5000))).isEqualTo(new UserAgent(null, null));
        assertThat(UserAgent.parse("Firefox/" + "9".repeat(5000))).isEqualTo(new UserAgent("Firefox", null));
        assertThat(UserAgent.parse("(iPad; CPU OS " + "1_".repeat(300))).isEqualTo(new UserAgent(null, "iOS 1.1"));
        assertThat(UserAgent.parse("(iPad; CPU OS " + "9".repeat(300))).isEqualTo(new UserAgent(null, "iPadOS"));
        assertThat(UserAgent.parse("Windows NT 10.0; ".repeat(50))).isEqualTo(new UserAgent(null, "Windows 10/11"));
    }
}
