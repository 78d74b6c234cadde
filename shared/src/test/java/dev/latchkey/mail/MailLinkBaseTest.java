package dev.latchkey.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.config.Config;
import dev.latchkey.config.LinkBase;
import dev.latchkey.config.ParameterStore;
import dev.latchkey.testing.Race;
import dev.latchkey.testing.TestConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The link base read from an SSM parameter: when, how often, and by which rules (the SSM adapter: SsmParameterStoreTest). */
@DisplayName("MailLinkBase")
class MailLinkBaseTest {
    private static final String NAME = "/latchkey/test-stack/link-base-url";

    /** A parameter store holding one value (or failing with a message), counting its reads. */
    private static final class OneParameter implements ParameterStore {
        final AtomicInteger reads = new AtomicInteger();
        final List<String> values = new ArrayList<>();

        OneParameter(String... values) {
            this.values.addAll(java.util.Arrays.asList(values));
        }

        @Override
        public String read(String name) {
            assertThat(name).isEqualTo(NAME);
            String value = values.get(Math.min(reads.getAndIncrement(), values.size() - 1));
            if (value == null) {
                throw new IllegalStateException("SSM parameter " + name + " does not exist (in us-east-1)");
            }
            return value;
        }
    }

    private static Config fromParameter() {
        return TestConfig.withLinkBase(TestConfig.forTable(URI.create("http://127.0.0.1:1"), "t"), new LinkBase.Parameter(NAME));
    }

    @Test
    @DisplayName("case=the parameter is read when the first link is built, not before, then once for every later mail (also when mails race)")
    void readLazilyOnce() throws Exception {
        OneParameter store = new OneParameter("https://d111111abcdef8.cloudfront.net");
        AtomicInteger storesBuilt = new AtomicInteger();
        MailTemplates templates = new MailTemplates(new MailLinkBase(fromParameter(), () -> {
            storesBuilt.incrementAndGet();
            return store;
        }));
        assertThat(storesBuilt).as("nothing built or read at init").hasValue(0);
        assertThat(store.reads).hasValue(0);
        Callable<Object> mail = () -> templates.verifySignup("ada@example.com", "tok", 24);
        Race.run(mail, mail, mail, mail, mail, mail);
        assertThat(templates.verifySignup("ada@example.com", "tok", 24).text())
                .contains("https://d111111abcdef8.cloudfront.net/verify-email#token=tok");
        assertThat(templates.mfaEnabled("ada@example.com").text()).contains("https://d111111abcdef8.cloudfront.net/account/security");
        assertThat(store.reads).as("reads").hasValue(1);
        assertThat(storesBuilt).hasValue(1);
    }

    @Test
    @DisplayName("case=the parameter's URL is held to LATCHKEY_LINK_BASE_URL's rules: http only for localhost, no query or fragment; a trailing slash is dropped")
    void sameRulesAsTheVariable() {
        assertThatThrownBy(() -> base("http://d111111abcdef8.cloudfront.net")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SSM parameter " + NAME).hasMessageContaining("must be https (http only for localhost)");
        assertThatThrownBy(() -> base("https://app.example.com/?x=1")).hasMessageContaining("query or fragment");
        assertThatThrownBy(() -> base("app.example.com")).hasMessageContaining("must be an absolute URL");
        assertThatThrownBy(() -> base("https://app example.com")).hasMessageContaining("is not a URL");
        assertThat(base("http://localhost:3000")).isEqualTo("http://localhost:3000");
        assertThat(base(" https://app.example.com/console/ \n")).isEqualTo("https://app.example.com/console");
    }

    @Test
    @DisplayName("case=a failed read is not kept: the next link reads again (a mail sent while the stack was still being created)")
    void failureIsNotKept() {
        OneParameter store = new OneParameter(null, "https://app.example.com");
        MailLinkBase base = new MailLinkBase(fromParameter(), () -> store);
        assertThatThrownBy(base::get).isInstanceOf(IllegalStateException.class).hasMessageContaining("does not exist");
        assertThat(base.get()).isEqualTo("https://app.example.com");
        assertThat(base.get()).isEqualTo("https://app.example.com");
        assertThat(store.reads).hasValue(2);
    }

    private static String base(String value) {
        return new MailLinkBase(fromParameter(), () -> new OneParameter(value)).get();
    }
}
