package dev.latchkey.session;

import dev.latchkey.account.Account;

import dev.latchkey.session.IssuedSession;

/**
 * The result of a completed signup or a sign-in: the account, its new session, and the device token
 * the client presents at later sign-ins (null where none is issued).
 */
public record SignedIn(Account account, IssuedSession session, String deviceToken) {
    public SignedIn(Account account, IssuedSession session) {
        this(account, session, null);
    }

    @Override
    public String toString() {
        return "SignedIn[" + account + "]";
    }
}
