package vn.haiphong.hpid.web;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;

import vn.haiphong.hpid.realm.Branding;
import vn.haiphong.hpid.realm.Realm;

/**
 * The same defensive headers on every response: a strict Content-Security-Policy with
 * no inline script or style, no framing (clickjacking), no MIME sniffing, no referrer
 * leaking the query (which may hold a code), and HSTS on HTTPS.
 *
 * <p>
 * Images come from hpid itself, and from the origins of the realms' https logos, which
 * administrators declared in the realm files; nothing else is added to the policy.
 */
public final class SecurityHeaders {

	private final String contentSecurityPolicy;

	public SecurityHeaders(Collection<Realm> realms) {
		Set<String> imageSources = new LinkedHashSet<>();
		imageSources.add("'self'");
		imageSources.add("data:");
		for (Realm realm : realms) {
			realm.branding().logo().filter(Branding.RemoteLogo.class::isInstance).map(Branding.RemoteLogo.class::cast)
				.ifPresent((logo) -> imageSources.add(origin(logo)));
		}
		this.contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src "
				+ String.join(" ", imageSources) + "; font-src 'self'; connect-src 'self'; base-uri 'none'; "
				+ "frame-ancestors 'none'; object-src 'none'";
	}

	private static String origin(Branding.RemoteLogo logo) {
		int port = logo.url().getPort();
		return "https://" + logo.url().getHost().toLowerCase(java.util.Locale.ROOT) + (port == -1 ? "" : ":" + port);
	}

	String contentSecurityPolicy() {
		return this.contentSecurityPolicy;
	}

	public void apply(HeadersConfigurer<HttpSecurity> headers) {
		apply(headers, this.contentSecurityPolicy);
	}

	/** The same headers with a page-specific policy, at least as strict as the default one. */
	public void apply(HeadersConfigurer<HttpSecurity> headers, String contentSecurityPolicy) {
		headers.contentSecurityPolicy((csp) -> csp.policyDirectives(contentSecurityPolicy))
			.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
			.referrerPolicy((referrer) -> referrer.policy(
					org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
			.httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(31536000))
			.cacheControl((cache) -> {
			});
	}

}
