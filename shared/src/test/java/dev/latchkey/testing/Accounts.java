package dev.latchkey.testing;

import dev.latchkey.account.SignedIn;
import dev.latchkey.account.SignupCommand;
import dev.latchkey.mail.MailMessage;
import dev.latchkey.session.ClientInfo;

/** Creates confirmed accounts through the real signup path. */
public final class Accounts {
    public static final String PASSWORD = "correct horse battery staple";

    private Accounts() {
    }

    public static SignedIn create(Domain domain, String email, ClientInfo client) {
        domain.signingUp.signUp(new SignupCommand(email, PASSWORD, null, null));
        MailMessage link = domain.outbox.messages().stream().filter(m -> m.to().equals(email)).toList().getLast();
        return domain.confirming.confirm(Mail.token(link), client);
    }
}
