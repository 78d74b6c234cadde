package dev.latchkey.mail;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The mails Latchkey sends, each with a plain-text and an HTML body. Links start at the configured base URL, which
 * {@link MailLinkBase} may read only when the first mail is composed.
 */
@Singleton
public final class MailTemplates {
    private final MailLinkBase linkBase;

    @Inject
    public MailTemplates(MailLinkBase linkBase) {
        this.linkBase = linkBase;
    }

    private String base() {
        return linkBase.get();
    }

    /**
     * The token rides in the fragment: browsers never send it to a server, so it stays out of access
     * logs, proxies and Referer headers; the page reads it and posts it.
     */
    public String link(String path, String token) {
        return base() + path + "#token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    public URI baseUrl() {
        return URI.create(base());
    }

    public MailMessage verifySignup(String to, String token, long validHours) {
        String link = link("/verify-email", token);
        return compose(to, "Confirm your email address",
                "Welcome! Confirm your email address to finish creating your account:",
                link, "Confirm email address",
                "The link works once and expires in " + validHours + " hours. If you did not sign up, ignore this mail.");
    }

    public MailMessage accountAlreadyExists(String to) {
        String signIn = base() + "/sign-in";
        return compose(to, "Someone tried to sign up with your email address",
                "Someone (perhaps you) tried to create an account with this email address, but it already has one. "
                        + "Nothing has changed. To get in, sign in:",
                signIn, "Sign in",
                "If you have forgotten your password, reset it from the sign-in page. If this was not you, ignore this mail.");
    }

    public MailMessage resetPassword(String to, String token, long validMinutes) {
        return compose(to, "Reset your password",
                "Someone (hopefully you) asked to reset the password of your account. Choose a new one here:",
                link("/reset-password", token), "Choose a new password",
                "The link works once and expires in " + validMinutes + " minutes; asking again replaces it. "
                        + "Resetting signs you out everywhere. If you did not ask, ignore this mail: your password stays as it is.");
    }

    /** After a completed reset: what ended; {@code keysRevoked} is -1 when the keys were kept. */
    public MailMessage passwordWasReset(String to, int sessionsEnded, int keysRevoked) {
        String keys = keysRevoked < 0
                ? "Your API keys were kept and still work; revoke any you do not recognise under API keys."
                : keysRevoked == 0 ? "You had no API keys." : keysRevoked + (keysRevoked == 1 ? " API key was" : " API keys were")
                        + " revoked; create new ones where you need them.";
        return compose(to, "Your password was reset",
                "The password of your account was reset just now. " + sessionsEnded
                        + (sessionsEnded == 1 ? " session was" : " sessions were") + " signed out. " + keys,
                base() + "/sign-in", "Sign in",
                "If this was not you, reset your password again at once and check your account's sessions and API keys.");
    }

    /** To the new address of an email change: the one-time link, which works only for the account that asked. */
    public MailMessage confirmEmailChange(String to, String token, long validMinutes) {
        return compose(to, "Confirm your new email address",
                "Someone (hopefully you) asked to move their account to this email address. Signed in to that account, "
                        + "confirm the new address here:",
                link("/confirm-email", token), "Confirm the new address",
                "The link works once, only for the account that asked, and expires in " + validMinutes + " minutes; asking again "
                        + "replaces it. If you did not ask, ignore this mail: nothing changes.");
    }

    /** To a new address that already has an account: the same request, no link, nothing changes. */
    public MailMessage emailChangeToTakenAddress(String to) {
        return compose(to, "Someone tried to move an account to your email address",
                "Someone (perhaps you) asked to move another account to this email address, but it already belongs to an account. "
                        + "Nothing has changed. To use this address, sign in to its account:",
                base() + "/sign-in", "Sign in",
                "If this was not you, ignore this mail: your account stays as it is.");
    }

    /** To the old address when a change is asked for. The new address comes from a user: the HTML escapes it. */
    public MailMessage emailChangeRequested(String to, String newAddress) {
        return compose(to, "A change of your email address was requested",
                "Someone signed in to your account asked just now to change its email address to " + newAddress
                        + ". It changes only if the link mailed to that address is opened while signed in to your account.",
                base() + "/account/security", "Review your security settings",
                "If this was not you, change your password at once: whoever asked knows it. Then sign out your other sessions.");
    }

    /** To the old address once the change is confirmed. */
    public MailMessage emailChanged(String to, String newAddress) {
        return compose(to, "Your email address was changed",
                "The email address of your account was changed just now to " + newAddress + ": you sign in with it, and mail "
                        + "about your account goes there. Every other session of the account was signed out.",
                base() + "/sign-in", "Sign in",
                "If this was not you, contact the platform's support at once: password resets now go to the new address.");
    }

    public MailMessage mfaEnabled(String to) {
        return compose(to, "Two-factor authentication is on",
                "Two-factor authentication was turned on for your account just now: signing in now takes a code from your "
                        + "authenticator app (or one of your recovery codes) besides the password.",
                base() + "/account/security", "Review your security settings",
                "Keep your recovery codes somewhere safe. If this was not you, reset your password at once.");
    }

    public MailMessage mfaDisabled(String to) {
        return compose(to, "Two-factor authentication is off",
                "Two-factor authentication was turned off for your account just now: the password alone signs in again. "
                        + "The authenticator secret and every recovery code were deleted.",
                base() + "/account/security", "Review your security settings",
                "If this was not you, reset your password at once and turn two-factor authentication on again.");
    }

    public MailMessage recoveryCodesReplaced(String to) {
        return compose(to, "New recovery codes",
                "A new set of recovery codes was made for your account just now; the old codes no longer work.",
                base() + "/account/security", "Review your security settings",
                "If this was not you, reset your password at once.");
    }

    /** A recovery code was spent at a sign-in or a password reset; {@code left} remain. (Changing the MFA settings sends its own notice.) */
    public MailMessage recoveryCodeUsed(String to, int left) {
        return compose(to, "A recovery code was used",
                "One of your recovery codes was used just now; " + left + (left == 1 ? " code is" : " codes are")
                        + " left. Each code works once." + (left <= 3 ? " Make a new set soon." : ""),
                base() + "/account/security", "Review your security settings",
                "If this was not you, someone has your password and a recovery code: reset your password and make new "
                        + "recovery codes at once.");
    }

    /**
     * An invitation to an application. {@code hasAccount}: the address has an account (a link to accept); otherwise
     * the mail leads to signup first, then to the same link. Names come from users: the HTML escapes them.
     */
    public MailMessage invitation(String to, String applicationName, String inviterName, String role, String token,
                                  boolean hasAccount, long validDays) {
        String who = inviterName == null ? "A member" : inviterName;
        String intro = who + " invited you to join the application \"" + applicationName + "\" as " + article(role) + " " + role + ". "
                + (hasAccount ? "Sign in with this address and accept the invitation here:"
                        : "You need an account with this email address first: sign up at " + base() + "/sign-up , confirm your "
                        + "address, then open this link to accept:");
        return compose(to, "You are invited to " + applicationName, intro, link("/accept-invitation", token), "Accept the invitation",
                "The link works for " + validDays + " days, only for an account with this email address. "
                        + "If you do not want to join, ignore this mail or decline the invitation.");
    }

    public MailMessage removedFromApplication(String to, String applicationName) {
        return compose(to, "You were removed from " + applicationName,
                "The owner of the application \"" + applicationName + "\" removed you from it just now; you no longer have access.",
                base() + "/applications", "Your applications",
                "If you think this is a mistake, ask the application's owner.");
    }

    public MailMessage roleChanged(String to, String applicationName, String role) {
        return compose(to, "Your role in " + applicationName + " changed",
                "The owner of the application \"" + applicationName + "\" made you " + article(role) + " " + role + " just now.",
                base() + "/applications", "Your applications",
                "What each role may do is listed with the application.");
    }

    public MailMessage ownershipTransferred(String to, String applicationName) {
        return compose(to, "You now own " + applicationName,
                "The owner of the application \"" + applicationName + "\" transferred it to you just now: you are its owner, and "
                        + "the previous owner is a developer.",
                base() + "/applications", "Your applications",
                "As the owner you invite and remove members, change roles, set two-factor requirements and can delete the application.");
    }

    public MailMessage applicationDeleted(String to, String applicationName) {
        return compose(to, applicationName + " was deleted",
                "The application \"" + applicationName + "\" was deleted together with its owner's account; you no longer have "
                        + "access to it, and its members and invitations are gone.",
                base() + "/applications", "Your applications",
                "Nothing else of your account changed.");
    }

    /** The goodbye, to the deleted account's address. */
    public MailMessage accountDeleted(String to) {
        return compose(to, "Your account was deleted",
                "Your account was deleted just now, at your request: its profile, sessions, API keys, two-factor settings, "
                        + "memberships, invitations and the applications it owned are erased. Your address can sign up again "
                        + "as a new account:",
                base() + "/sign-up", "Sign up",
                "If you did not delete it, someone had your password (and your second factor): the account cannot be restored, "
                        + "but you can sign up again with this address and should change that password wherever else you used it.");
    }

    private static String article(String word) {
        return "aeiou".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    public MailMessage resetForUnknownAddress(String to) {
        return compose(to, "Password reset requested",
                "Someone asked to reset the password of an account with this email address, but there is no such account. "
                        + "If you meant to create one, sign up here:",
                base() + "/sign-up", "Sign up",
                "If you did not ask, ignore this mail.");
    }

    private static MailMessage compose(String to, String subject, String intro, String link, String action, String outro) {
        String text = intro + "\n\n" + link + "\n\n" + outro + "\n";
        // concatenated, not String.formatted: a mail-sending function's cold start need not load java.util.Formatter
        String html = "<!doctype html>\n<html><body style=\"font-family: sans-serif; line-height: 1.5\">\n<p>" + escape(intro)
                + "</p>\n<p><a href=\"" + escape(link) + "\">" + escape(action) + "</a></p>\n<p style=\"color: #555\">"
                + escape(outro) + "</p>\n</body></html>\n";
        return new MailMessage(to, subject, text, html);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
