package dev.latchkey.store;

import dagger.Module;
import dagger.Provides;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The Enhanced Client over whatever {@link DynamoDbClient} the component has (AWS, or DynamoDB Local in tests). */
@Module
public final class StoreModule {
    private StoreModule() {
    }

    @Provides
    @Singleton
    static DynamoDbEnhancedClient enhanced(DynamoDbClient dynamoDb) {
        return DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
    }
}
