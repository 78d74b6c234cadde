package dev.latchkey.account;

/** Port: deleting an account's profile and guards, the act that the stream-triggered clean-up follows. */
public interface AccountRemoval {

    /**
     * Deletes the profile and its email and username guards in one transaction, on condition the profile still
     * has this address and credential epoch (a racing email or password change makes it fail).
     *
     * @return false when the profile changed or went meanwhile
     */
    boolean remove(Account account);
}
