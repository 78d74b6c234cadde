package dev.latchkey.auth;

import java.util.function.Supplier;

/**
 * The lists each feature keeps per user in the table's index (sessions, API keys, memberships), read together:
 * within {@link #together}, on the calling thread, the first listing of that user reads the user's whole index
 * partition in one query and every other listing of the user is answered from it, instead of one query each. For a
 * use case that shows several of one user's lists at once (the deletion preview). Eventually consistent, as each
 * listing is on its own; writes within the block are not seen by it.
 */
public interface UserListings {

    <T> T together(String userId, Supplier<T> work);
}
