package dev.latchkey.application;

/** An invitation as its invitee sees it: with the application's name and who invited them. */
public record ReceivedInvitation(Invitation invitation, String applicationName, String invitedByName) {
}
