package dev.latchkey.testing;

import dev.latchkey.mail.MailMessage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one-time tokens out of mail the way a person would: from the link in the text body. */
public final class Mail {
    private static final Pattern TOKEN = Pattern.compile("[#&]token=([A-Za-z0-9_-]+)");

    private Mail() {
    }

    public static String token(MailMessage message) {
        Matcher m = TOKEN.matcher(message.text());
        if (!m.find()) {
            throw new AssertionError("no token link in mail '" + message.subject() + "'");
        }
        return m.group(1);
    }
}
