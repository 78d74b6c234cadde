package dev.latchkey.session;

/** Who is calling, as resolved by the authorizer from a bearer token. */
public record Principal(String userId, CredentialType credentialType, String sessionId) {

    public enum CredentialType {
        SESSION("session"), API_KEY("api_key");

        private final String wireName;

        CredentialType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static CredentialType fromWire(String value) {
            for (CredentialType type : values()) {
                if (type.wireName.equals(value)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown credential type");
        }
    }
}
