package vn.haiphong.hpid.keycloak.broker;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.IdentityBrokerException;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.Constants;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.sessions.AuthenticationSessionModel;

import vn.haiphong.hpid.spi.CallbackRequest;
import vn.haiphong.hpid.spi.FailureKind;
import vn.haiphong.hpid.spi.LevelOfAssurance;
import vn.haiphong.hpid.spi.SignInRequest;
import vn.haiphong.hpid.spi.SignInResult;
import vn.haiphong.hpid.spi.SignInStart;
import vn.haiphong.hpid.spi.Transaction;
import vn.haiphong.hpid.spi.UpstreamIdentityProvider;
import vn.haiphong.hpid.spi.VerifiedIdentity;

/**
 * VNeID as a Keycloak identity provider: a thin adapter over the hpid connector, which does the
 * protocol and the envelope crypto. The federated identity's user id is the personal ID number,
 * the upstream's stable key for a citizen.
 */
public final class VneidIdentityProvider extends AbstractIdentityProvider<IdentityProviderModel> {

    private static final Logger LOG = Logger.getLogger(VneidIdentityProvider.class);

    private final UpstreamIdentityProvider connector;
    private final LevelOfAssurance minimumLevel;

    VneidIdentityProvider(KeycloakSession session, IdentityProviderModel model, UpstreamIdentityProvider connector,
            LevelOfAssurance minimumLevel) {
        super(session, model);
        this.connector = connector;
        this.minimumLevel = minimumLevel;
    }

    @Override
    public Response performLogin(AuthenticationRequest request) {
        try {
            LevelOfAssurance requested = requestedLevel(request.getAuthenticationSession());
            SignInStart start = connector.start(new SignInRequest(URI.create(request.getRedirectUri()), requested));
            start = TransactionNotes.withState(start, request.getState().getEncoded());
            TransactionNotes.store(request.getAuthenticationSession(), start.transaction());
            return Response.seeOther(start.redirectUri()).build();
        } catch (RuntimeException e) {
            throw new IdentityBrokerException("Could not start the VNeID sign-in", e);
        }
    }

    /**
     * The configured minimum, raised to level 2 when the client asked for it: by Keycloak's
     * requested level of authentication (acr_values through the realm's acr-to-LoA map) or by
     * naming hpid's level-2 acr directly. The connector then refuses a level-1 account.
     */
    private LevelOfAssurance requestedLevel(AuthenticationSessionModel authSession) {
        String loa = authSession.getClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION);
        String acrValues = authSession.getClientNote("acr_values");
        boolean high = false;
        try {
            high = loa != null && Integer.parseInt(loa.strip()) >= LevelOfAssurance.HIGH.decreeLevel();
        } catch (NumberFormatException notANumber) {
            // not a level we know how to read: keep the configured minimum
        }
        if (acrValues != null) {
            for (String acr : acrValues.split(" ")) {
                high |= LevelOfAssurance.fromAcr(acr).filter(l -> l == LevelOfAssurance.HIGH).isPresent();
            }
        }
        return high ? LevelOfAssurance.HIGH : minimumLevel;
    }

    @Override
    public Object callback(RealmModel realm, AuthenticationCallback callback, EventBuilder event) {
        return new VneidCallbackEndpoint(this, callback);
    }

    @Override
    public Response retrieveToken(KeycloakSession session, FederatedIdentityModel identity) {
        // VNeID tokens are not stored: they are only good for the one userinfo call.
        return Response.status(Response.Status.BAD_REQUEST).build();
    }

    /** The handling of VNeID's return; {@link VneidCallbackEndpoint} is only its JAX-RS face. */
    Response handleCallback(AuthenticationCallback callback) {
        // The raw query: VNeID codes are base64 with '+', which form decoding would turn into spaces.
        CallbackRequest request = new CallbackRequest(session.getContext().getUri().getRequestUri().getRawQuery());
        Optional<String> state = request.parameter("state");
        if (state.isEmpty()) {
            return callback.error(getConfig(), "vneidSignInExpired");
        }
        AuthenticationSessionModel authSession = callback.getAndVerifyAuthenticationSession(state.get());
        Optional<Transaction> transaction = TransactionNotes.take(authSession);
        if (transaction.isEmpty()) {
            return callback.error(getConfig(), "vneidSignInExpired");
        }
        SignInResult result = connector.finish(transaction.get(), request);
        if (result instanceof SignInResult.Failed failed) {
            LOG.warnf("VNeID sign-in through '%s' failed: %s (%s)", getConfig().getAlias(), failed.kind(), failed.detail());
            return failed.kind() == FailureKind.USER_CANCELLED
                    ? callback.cancelled(getConfig())
                    : callback.error(getConfig(), FailurePage.messageKey(failed.kind()));
        }
        VerifiedIdentity identity = ((SignInResult.Verified) result).identity();
        return callback.authenticated(brokeredIdentity(identity, authSession));
    }

    private BrokeredIdentityContext brokeredIdentity(VerifiedIdentity identity, AuthenticationSessionModel authSession) {
        BrokeredIdentityContext context = new BrokeredIdentityContext(identity.upstreamSubject(), getConfig());
        context.setIdp(this);
        context.setAuthenticationSession(authSession);
        context.setUsername(identity.upstreamSubject());
        identity.name().ifPresent(name -> {
            context.setLastName(name.familyName().orElse(null));
            context.setFirstName(name.middleName().map(m -> m + " " + name.givenName()).orElse(name.givenName()));
        });
        for (Map.Entry<String, String> attribute : IdentityAttributes.of(identity).entrySet()) {
            context.setUserAttribute(attribute.getKey(), attribute.getValue());
        }
        // Keycloak's level of authentication (acr via the realm's acr-to-LoA map) follows the VNeID level.
        authSession.setAuthNote(Constants.LEVEL_OF_AUTHENTICATION, String.valueOf(identity.level().decreeLevel()));
        return context;
    }
}
