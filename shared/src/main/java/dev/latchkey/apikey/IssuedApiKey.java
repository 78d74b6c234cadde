package dev.latchkey.apikey;

/** A new or regenerated key with its secret, on its way into the one response that shows it. */
public record IssuedApiKey(ApiKey apiKey, String key) {
    @Override
    public String toString() {
        return "IssuedApiKey[id=" + apiKey.id() + "]";
    }
}
