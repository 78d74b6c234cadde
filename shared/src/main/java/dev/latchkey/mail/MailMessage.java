package dev.latchkey.mail;

import java.util.Objects;

/** One outgoing mail with a plain-text and an HTML body. */
public record MailMessage(String to, String subject, String text, String html) {
    public MailMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
    }

    /** Never print bodies: they carry one-time links. */
    @Override
    public String toString() {
        return "MailMessage[to=" + to + ", subject=" + subject + "]";
    }
}
