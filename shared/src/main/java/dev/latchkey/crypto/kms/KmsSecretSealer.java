package dev.latchkey.crypto.kms;

import dev.latchkey.crypto.SecretSealer;
import dev.latchkey.crypto.SecretSealingException;
import dev.latchkey.crypto.SecretSealingException.Kind;

import java.util.Base64;
import java.util.Map;
import java.util.Objects;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.kms.model.IncorrectKeyException;
import software.amazon.awssdk.services.kms.model.InvalidCiphertextException;

/**
 * Seals secrets with AWS KMS: {@code Encrypt} and {@code Decrypt} under one symmetric KMS key, with
 * the encryption context {@code {"userId": <userId>}}. KMS binds the context to the ciphertext, so a
 * value opens only for the user it was sealed for; CloudTrail records the context with every call,
 * and a key policy can require it ({@code kms:EncryptionContextKeys}, {@code kms:EncryptionContext:userId}).
 *
 * <p>Sealed form: {@code kms:<base64url(CiphertextBlob)>}, URL-safe base64 without padding. The blob
 * names the key version itself, so rotating the KMS key needs no change here.
 *
 * <p>{@code Decrypt} names the key too: a value sealed under another key is refused instead of being
 * opened with whatever key its blob names. The role needs {@code kms:Encrypt} and {@code kms:Decrypt}
 * on that key.
 */
public final class KmsSecretSealer implements SecretSealer {
    /** The scheme part of the prefix. */
    public static final String SCHEME = "kms";
    /** The one key of the encryption context; its value is the user id. */
    public static final String CONTEXT_KEY = "userId";

    private static final String PREFIX = SCHEME + ":";
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder UNBASE64 = Base64.getUrlDecoder();

    private final KmsClient kms;
    private final String keyId;

    /**
     * @param kms   the KMS client
     * @param keyId the symmetric encryption key: key id, key ARN, alias name ({@code alias/...}) or alias ARN;
     *              a key ARN pins the key, an alias follows it when the alias is moved
     */
    public KmsSecretSealer(KmsClient kms, String keyId) {
        this.kms = Objects.requireNonNull(kms, "kms");
        Objects.requireNonNull(keyId, "keyId");
        if (keyId.isBlank()) {
            throw new IllegalArgumentException("keyId must not be blank");
        }
        this.keyId = keyId;
    }

    @Override
    public String seal(String userId, byte[] secret) {
        SecretSealer.checkUserId(userId);
        SecretSealer.checkSecret(secret);
        EncryptRequest request = EncryptRequest.builder()
                .keyId(keyId)
                .plaintext(SdkBytes.fromByteArray(secret))
                .encryptionContext(context(userId))
                .build();
        byte[] blob;
        try {
            blob = kms.encrypt(request).ciphertextBlob().asByteArrayUnsafe();
        } catch (AwsServiceException e) {
            throw serviceFailure("Encrypt", userId, e);
        } catch (SdkException e) {
            throw unreachable("Encrypt", userId, e);
        }
        return PREFIX + BASE64.encodeToString(blob);
    }

    @Override
    public byte[] unseal(String userId, String sealed) {
        SecretSealer.checkUserId(userId);
        Objects.requireNonNull(sealed, "sealed");
        if (!sealed.startsWith(PREFIX)) {
            throw rejected(userId, "it is not a " + SCHEME + " sealed value", null);
        }
        byte[] blob;
        try {
            blob = UNBASE64.decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException notBase64) {
            // The decoder's message quotes the offending character: leave it out.
            throw rejected(userId, "it is not URL-safe base64", null);
        }
        if (blob.length == 0) {
            throw rejected(userId, "it is empty", null);
        }
        DecryptRequest request = DecryptRequest.builder()
                .keyId(keyId)
                .ciphertextBlob(SdkBytes.fromByteArrayUnsafe(blob))
                .encryptionContext(context(userId))
                .build();
        try {
            return kms.decrypt(request).plaintext().asByteArray();
        } catch (InvalidCiphertextException | IncorrectKeyException e) {
            // KMS says no more than this, by design: another user (context), altered, or another key.
            throw rejected(userId, "KMS refused it with " + errorCode(e)
                    + ": sealed for another user, altered, or under another key", e);
        } catch (AwsServiceException e) {
            throw serviceFailure("Decrypt", userId, e);
        } catch (SdkException e) {
            throw unreachable("Decrypt", userId, e);
        }
    }

    @Override
    public String toString() {
        return "KmsSecretSealer[" + keyId + "]";
    }

    private static Map<String, String> context(String userId) {
        return Map.of(CONTEXT_KEY, userId);
    }

    private static SecretSealingException rejected(String userId, String why, Throwable cause) {
        return new SecretSealingException(Kind.REJECTED, "the sealed secret of user " + userId + " does not open: " + why, cause);
    }

    private SecretSealingException serviceFailure(String operation, String userId, AwsServiceException e) {
        // Only the code and status: the service's own message text is not ours to vouch for.
        return new SecretSealingException(Kind.KEY_SERVICE_FAILED, "KMS " + operation + " with key " + keyId
                + " for user " + userId + " failed: " + errorCode(e) + " (HTTP " + e.statusCode() + ")", e);
    }

    private SecretSealingException unreachable(String operation, String userId, SdkException e) {
        return new SecretSealingException(Kind.KEY_SERVICE_FAILED, "KMS could not be reached for " + operation
                + " with key " + keyId + " for user " + userId + " (" + e.getClass().getSimpleName() + ")", e);
    }

    private static String errorCode(AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return code == null ? "an unknown error" : code;
    }
}
