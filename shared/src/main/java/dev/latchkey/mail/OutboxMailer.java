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
            // concatenated, not String.formatted: a function's first mail need not load java.util.Formatter
            console.println("---- mail (local outbox) ----\nTo: " + message.to() + "\nSubject: " + message.subject() + "\n\n"
                    + message.text() + "\n-----------------------------");
        }
    }

    public synchronized List<MailMessage> messages() {
        return List.copyOf(messages);
    }

    public synchronized void clear() {
        messages.clear();
    }
}
