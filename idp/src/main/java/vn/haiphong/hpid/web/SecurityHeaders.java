package vn.haiphong.hpid.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;

/**
 * The same defensive headers on every response: a strict Content-Security-Policy with
 * no inline script, no framing (clickjacking), no MIME sniffing, no referrer leaking the
 * query (which may hold a code), and HSTS on HTTPS.
 */
public final class SecurityHeaders {

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; "
			+ "frame-ancestors 'none'; object-src 'none'";

	private SecurityHeaders() {
	}

	public static void apply(HeadersConfigurer<HttpSecurity> headers) {
		apply(headers, CONTENT_SECURITY_POLICY);
	}

	/** The same headers with a page-specific policy, at least as strict as the default one. */
	public static void apply(HeadersConfigurer<HttpSecurity> headers, String contentSecurityPolicy) {
		headers.contentSecurityPolicy((csp) -> csp.policyDirectives(contentSecurityPolicy))
			.frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
			.referrerPolicy((referrer) -> referrer.policy(
					org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
			.httpStrictTransportSecurity((hsts) -> hsts.includeSubDomains(true).maxAgeInSeconds(31536000))
			.cacheControl((cache) -> {
			});
	}

}
