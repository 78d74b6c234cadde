package dev.latchkey.mail;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Local mail catcher: keeps every message in memory (newest last) and, when given a console,
 * prints it there. The dev server serves {@link #messages()} at {@code GET /_local/mail}.
 */
public final class OutboxMailer implements Mailer {
    private final List<MailMessage> messages = new ArrayList<>();
    private final PrintStream console;

    public OutboxMailer(PrintStream console) {
        this.console = console;
    }

    @Override
    public synchronized void send(MailMessage message) {
        messages.add(message);
        if (console != null) {
            console.println("""
                    ---- mail (local outbox) ----
                    To: %s
                    Subject: %s

                    %s
                    -----------------------------""".formatted(message.to(), message.subject(), message.text()));
        }
    }

    public synchronized List<MailMessage> messages() {
        return List.copyOf(messages);
    }

    public synchronized void clear() {
        messages.clear();
    }
}
