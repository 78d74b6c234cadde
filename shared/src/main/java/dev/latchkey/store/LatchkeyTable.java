package dev.latchkey.store;

import dev.latchkey.config.Config;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;

/** Typed views of the one table, one per item type. */
@Singleton
public final class LatchkeyTable {
    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<Item> users;
    private final DynamoDbTable<Item> guards;
    private final DynamoDbTable<Item> pendingSignups;
    private final DynamoDbTable<Item> sessions;
    private final DynamoDbTable<Item> sessionRefs;
    private final DynamoDbTable<Item> apiKeys;
    private final DynamoDbTable<Item> passwordResets;
    private final DynamoDbTable<Item> devices;
    private final DynamoDbTable<Item> apiKeyRefs;

    @Inject
    public LatchkeyTable(DynamoDbEnhancedClient client, Config config) {
        this.client = client;
        this.users = client.table(config.tableName(), Schemas.USER);
        this.guards = client.table(config.tableName(), Schemas.GUARD);
        this.pendingSignups = client.table(config.tableName(), Schemas.PENDING_SIGNUP);
        this.sessions = client.table(config.tableName(), Schemas.SESSION);
        this.sessionRefs = client.table(config.tableName(), Schemas.SESSION_REF);
        this.apiKeys = client.table(config.tableName(), Schemas.API_KEY);
        this.passwordResets = client.table(config.tableName(), Schemas.PASSWORD_RESET);
        this.devices = client.table(config.tableName(), Schemas.DEVICE);
        this.apiKeyRefs = client.table(config.tableName(), Schemas.API_KEY_REF);
    }

    DynamoDbEnhancedClient client() {
        return client;
    }

    DynamoDbTable<Item> users() {
        return users;
    }

    DynamoDbTable<Item> guards() {
        return guards;
    }

    DynamoDbTable<Item> pendingSignups() {
        return pendingSignups;
    }

    DynamoDbTable<Item> sessions() {
        return sessions;
    }

    DynamoDbTable<Item> sessionRefs() {
        return sessionRefs;
    }

    DynamoDbTable<Item> apiKeys() {
        return apiKeys;
    }

    DynamoDbTable<Item> passwordResets() {
        return passwordResets;
    }

    DynamoDbTable<Item> devices() {
        return devices;
    }

    DynamoDbTable<Item> apiKeyRefs() {
        return apiKeyRefs;
    }
}
