package vn.haiphong.hpid.spi;

/**
 * An identity provider hpid sends citizens to: VNeID, the national public-service portal,
 * or any OpenID Connect provider. Implementations are stateless between the two calls —
 * the {@link Transaction} carries everything — so a login may finish on another node.
 */
public interface UpstreamIdentityProvider {

    /** The configured name of this provider, e.g. {@code vneid}; recorded on every identity it returns. */
    String alias();

    /**
     * Builds the browser redirect and the transaction to store until the callback.
     *
     * @throws SignInUnavailableException when the upstream must be reached first (discovery) and cannot be
     */
    SignInStart start(SignInRequest request);

    /**
     * Completes the sign-in from the stored transaction and the callback. Never throws for
     * anything the upstream or the browser did: every such problem is a {@link SignInResult.Failed}.
     */
    SignInResult finish(Transaction transaction, CallbackRequest callback);
}
