package dev.latchkey.testing;

import dev.latchkey.session.SignedIn;
import dev.latchkey.signup.SignupCommand;
import dev.latchkey.mail.MailMessage;
import dev.latchkey.auth.ClientInfo;

/** Creates confirmed accounts through the real signup path. */
public final class Accounts {
    public static final String PASSWORD = "correct horse battery staple";

    private static final java.util.concurrent.atomic.AtomicInteger SIGNUPS = new java.util.concurrent.atomic.AtomicInteger();

    private Accounts() {
    }

    /** A fresh address from the benchmarking range 198.18.0.0/15 for every call. */
    public static String signupIp() {
        int n = SIGNUPS.incrementAndGet();
        return "198." + (18 + (n >> 16 & 1)) + "." + (n >> 8 & 0xff) + "." + (n & 0xff);
    }

    public static SignedIn create(Domain domain, String email, ClientInfo client) {
        // Each signup from its own address: the per-IP signup limit is not what these tests are about.
        domain.signingUp.signUp(new SignupCommand(email, null, null), signupIp());
        MailMessage link = domain.outbox.messages().stream().filter(m -> m.to().equals(email)).toList().getLast();
        return domain.confirming.confirm(Mail.token(link), PASSWORD, client);
    }
}
