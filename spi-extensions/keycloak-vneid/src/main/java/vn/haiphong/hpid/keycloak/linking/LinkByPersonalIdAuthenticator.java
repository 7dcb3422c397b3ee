package vn.haiphong.hpid.keycloak.linking;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import vn.haiphong.hpid.keycloak.broker.IdentityAttributes;

/**
 * First-broker-login step: one Keycloak account per citizen. The account is the one whose
 * {@code personal_id_number} attribute equals the number VNeID verified; there is none, one is
 * created. E-mail never matches anything: an address is not an identity, and a user could type
 * someone else's into a profile form.
 */
final class LinkByPersonalIdAuthenticator extends AbstractIdpAuthenticator {

    private static final Logger LOG = Logger.getLogger(LinkByPersonalIdAuthenticator.class);

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
            BrokeredIdentityContext brokerContext) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        String alias = brokerContext.getIdpConfig().getAlias();
        String pid = brokerContext.getUserAttribute(IdentityAttributes.PERSONAL_ID_NUMBER);
        if (pid == null || pid.isBlank()) {
            refuse(context, "vneidNoPersonalId", Response.Status.BAD_REQUEST);
            return;
        }
        List<UserModel> holders = session.users()
                .searchForUserByUserAttributeStream(realm, IdentityAttributes.PERSONAL_ID_NUMBER, pid)
                .limit(2).toList();
        if (holders.size() > 1) {
            LOG.warnf("Several users of realm '%s' hold the same personal ID number; refusing to choose", realm.getName());
            refuse(context, "vneidPersonalIdAmbiguous", Response.Status.CONFLICT);
            return;
        }
        if (holders.size() == 1) {
            UserModel holder = holders.get(0);
            FederatedIdentityModel existing = session.users().getFederatedIdentity(realm, holder, alias);
            if (existing != null && !existing.getUserId().equals(brokerContext.getId())) {
                refuse(context, "vneidPersonalIdAlreadyLinked", Response.Status.CONFLICT);
                return;
            }
            context.setUser(holder);
            context.success();
            return;
        }
        UserModel created = create(session, realm, pid, serialized, brokerContext);
        if (created == null) {
            refuse(context, "vneidUsernameTaken", Response.Status.CONFLICT);
            return;
        }
        context.getAuthenticationSession().setAuthNote(AbstractIdentityProvider.BROKER_REGISTERED_NEW_USER, "true");
        context.setUser(created);
        context.success();
    }

    /** Null when the username is taken by an account that does not hold this number. */
    private static UserModel create(KeycloakSession session, RealmModel realm, String pid,
            SerializedBrokeredIdentityContext serialized, BrokeredIdentityContext brokerContext) {
        String username = brokerContext.getModelUsername() == null ? pid : brokerContext.getModelUsername();
        if (session.users().getUserByUsername(realm, username) != null) {
            username = brokerContext.getIdpConfig().getAlias() + "-" + pid;
            if (session.users().getUserByUsername(realm, username) != null) {
                return null;
            }
        }
        UserModel user = session.users().addUser(realm, username);
        user.setEnabled(true);
        user.setFirstName(brokerContext.getFirstName());
        user.setLastName(brokerContext.getLastName());
        for (Map.Entry<String, List<String>> attribute : serialized.getAttributes().entrySet()) {
            String name = attribute.getKey();
            if (!UserModel.USERNAME.equals(name) && !UserModel.EMAIL.equals(name)
                    && !UserModel.FIRST_NAME.equals(name) && !UserModel.LAST_NAME.equals(name)) {
                user.setAttribute(name, attribute.getValue());
            }
        }
        user.setSingleAttribute(IdentityAttributes.PERSONAL_ID_NUMBER, pid);
        return user;
    }

    private static void refuse(AuthenticationFlowContext context, String messageKey, Response.Status status) {
        Response page = context.form().setError(messageKey).createErrorPage(status);
        context.failureChallenge(AuthenticationFlowError.INVALID_USER, page);
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serialized,
            BrokeredIdentityContext brokerContext) {
        authenticateImpl(context, serialized, brokerContext);
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }
}
