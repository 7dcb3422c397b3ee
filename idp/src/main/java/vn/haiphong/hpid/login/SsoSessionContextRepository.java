package vn.haiphong.hpid.login;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;

import vn.haiphong.hpid.oidc.Issuers;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;

/**
 * Who is signed in, read from the realm's SSO cookie on every request. Sessions are
 * written only by the sign-in itself, never implicitly.
 */
public final class SsoSessionContextRepository implements SecurityContextRepository {

	private final SsoSessions sessions;

	private final RealmRegistry realms;

	public SsoSessionContextRepository(SsoSessions sessions, RealmRegistry realms) {
		this.sessions = sessions;
		this.realms = realms;
	}

	@Override
	public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
		Supplier<SecurityContext> loader = () -> {
			SecurityContext context = SecurityContextHolder.createEmptyContext();
			Optional<Realm> realm = Issuers.realmOf(request).flatMap(this.realms::find);
			realm.flatMap((r) -> this.sessions.find(request, r)).ifPresent(context::setAuthentication);
			return context;
		};
		return new DeferredSecurityContext() {
			private SecurityContext loaded;

			@Override
			public SecurityContext get() {
				if (this.loaded == null) {
					this.loaded = loader.get();
				}
				return this.loaded;
			}

			@Override
			public boolean isGenerated() {
				return get().getAuthentication() == null;
			}
		};
	}

	@Override
	@SuppressWarnings("deprecation")
	public SecurityContext loadContext(HttpRequestResponseHolder holder) {
		return loadDeferredContext(holder.getRequest()).get();
	}

	@Override
	public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
		// Sessions are started explicitly by the sign-in; nothing to save here.
	}

	@Override
	public boolean containsContext(HttpServletRequest request) {
		return loadDeferredContext(request).get().getAuthentication() != null;
	}

}
