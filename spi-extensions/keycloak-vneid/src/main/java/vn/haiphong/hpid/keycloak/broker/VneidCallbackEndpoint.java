package vn.haiphong.hpid.keycloak.broker;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;

/** Where VNeID sends the browser back: {@code GET /realms/{realm}/broker/{alias}/endpoint}. */
public class VneidCallbackEndpoint {

    private final VneidIdentityProvider provider;
    private final AuthenticationCallback callback;

    public VneidCallbackEndpoint(VneidIdentityProvider provider, AuthenticationCallback callback) {
        this.provider = provider;
        this.callback = callback;
    }

    // @Path is what makes Quarkus index this provider jar's JAX-RS classes (keycloak/keycloak#26835);
    // without it the sub-resource has no methods and every callback is a 405.
    @GET
    @Path("/")
    public Response authResponse() {
        return provider.handleCallback(callback);
    }
}
