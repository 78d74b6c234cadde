package dev.latchkey.mail;

import dev.latchkey.config.Config;
import dev.latchkey.config.LinkBase;
import dev.latchkey.config.ParameterStore;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where mail links start. A URL from the configuration is used as it is; an SSM parameter ({@code ssm:<name>}) is
 * read when the first link is built — not at init, so neither a cold start nor a SnapStart snapshot waits for SSM,
 * and functions that never mail never read it — then kept for the life of the instance. A failed read is not kept:
 * the next link tries again.
 */
@Singleton
public final class MailLinkBase {
    private static final Logger LOG = LoggerFactory.getLogger(MailLinkBase.class);

    private final LinkBase configured;
    private final Provider<ParameterStore> parameters;
    private volatile String base;

    @Inject
    public MailLinkBase(Config config, Provider<ParameterStore> parameters) {
        this.configured = config.linkBase();
        this.parameters = parameters;
    }

    /** The base URL without a trailing slash. */
    public String get() {
        String current = base;
        if (current == null) {
            synchronized (this) {
                current = base;
                if (current == null) {
                    current = resolve();
                    base = current;
                }
            }
        }
        return current;
    }

    private String resolve() {
        URI url = switch (configured) {
            case LinkBase.Url(URI given) -> given;
            case LinkBase.Parameter(String name) -> read(name);
        };
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    /** The parameter's URL, held to the same rules as one in LATCHKEY_LINK_BASE_URL. */
    private URI read(String name) {
        try {
            String value = parameters.get().read(name).trim();
            String source = "the link base in SSM parameter " + name;
            URI url;
            try {
                url = URI.create(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(source + " is not a URL");
            }
            try {
                return LinkBase.requireSafe(url, source);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(e.getMessage());
            }
        } catch (RuntimeException e) {
            // the log shows an error's class, not its message: say here why no link could be built
            LOG.error("mail links have no base URL: {}", e.getMessage());
            throw e;
        }
    }
}
