package vn.haiphong.hpid.oidc;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.server.authorization.context.AuthorizationServerContextHolder;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.filter.OncePerRequestFilter;

import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;

/**
 * Sets the realm and issuer of a protocol request from its path. It replaces the
 * authorization server's own issuer guess, which does not know the configured public
 * URL and cannot tell {@code /token} from {@code /token/introspect}. An unknown realm is
 * a 404 before any endpoint runs.
 */
final class RealmIssuerFilter extends OncePerRequestFilter {

	private final RealmRegistry realms;

	private final Issuers issuers;

	private final AuthorizationServerSettings settings;

	RealmIssuerFilter(RealmRegistry realms, Issuers issuers, AuthorizationServerSettings settings) {
		this.realms = realms;
		this.issuers = issuers;
		this.settings = settings;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<Realm> realm = Issuers.realmOf(request).flatMap(this.realms::find);
		if (realm.isEmpty()) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		AuthorizationServerContextHolder.setContext(new RealmContext(realm.get(),
				this.issuers.issuer(request, realm.get().name()), this.settings));
		try {
			chain.doFilter(request, response);
		}
		finally {
			AuthorizationServerContextHolder.resetContext();
		}
	}

}
