package vn.haiphong.hpid.spi;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a connector needs to finish a sign-in it started. The caller keeps it in
 * the ephemeral store, keyed by {@link #state()}, so that any node can finish the login.
 *
 * @param codeVerifier PKCE verifier, when the connector uses PKCE
 * @param nonce        OIDC nonce, when the upstream echoes one in an ID token
 */
public record Transaction(
        String providerAlias,
        String state,
        Optional<String> codeVerifier,
        Optional<String> nonce,
        LevelOfAssurance requestedLevel,
        URI callbackUri,
        Instant createdAt) {

    public Transaction {
        Objects.requireNonNull(providerAlias, "providerAlias");
        Objects.requireNonNull(codeVerifier, "codeVerifier");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(requestedLevel, "requestedLevel");
        Objects.requireNonNull(callbackUri, "callbackUri");
        Objects.requireNonNull(createdAt, "createdAt");
        if (state == null || state.isBlank()) {
            throw new IllegalArgumentException("state must not be blank");
        }
    }

    /** Secrets (verifier, nonce) stay out of logs. */
    @Override
    public String toString() {
        return "Transaction[provider=" + providerAlias + ", requestedLevel=" + requestedLevel
                + ", createdAt=" + createdAt + "]";
    }
}
