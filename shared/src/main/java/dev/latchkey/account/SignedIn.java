package dev.latchkey.account;

import dev.latchkey.session.IssuedSession;

/** The result of a completed signup or a sign-in: the account and its new session. */
public record SignedIn(Account account, IssuedSession session) {
}
