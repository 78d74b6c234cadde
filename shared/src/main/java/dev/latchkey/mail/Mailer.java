package dev.latchkey.mail;

/** Port for outgoing mail. Implementations: {@link SesMailer} in AWS, {@link OutboxMailer} locally. */
public interface Mailer {
    void send(MailMessage message);
}
