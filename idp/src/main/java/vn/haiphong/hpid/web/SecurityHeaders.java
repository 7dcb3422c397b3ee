package vn.haiphong.hpid.web;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;

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

	private static final long HSTS_MAX_AGE_SECONDS = 31536000;

	private final String contentSecurityPolicy;

	/** The default headers, for the filter chains and for responses written outside them. */
	private final List<HeaderWriter> writers;

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
		this.writers = writers(this.contentSecurityPolicy);
	}

	/** One definition of the headers, so the filter chains and the fast path cannot drift apart. */
	private static List<HeaderWriter> writers(String contentSecurityPolicy) {
		HstsHeaderWriter hsts = new HstsHeaderWriter();
		hsts.setIncludeSubDomains(true);
		hsts.setMaxAgeInSeconds(HSTS_MAX_AGE_SECONDS);
		return List.of(new XContentTypeOptionsHeaderWriter(), new XXssProtectionHeaderWriter(),
				new CacheControlHeadersWriter(), hsts, new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY),
				new ContentSecurityPolicyHeaderWriter(contentSecurityPolicy),
				new ReferrerPolicyHeaderWriter(ReferrerPolicy.NO_REFERRER));
	}

	private static String origin(Branding.RemoteLogo logo) {
		int port = logo.url().getPort();
		return "https://" + logo.url().getHost().toLowerCase(java.util.Locale.ROOT) + (port == -1 ? "" : ":" + port);
	}

	String contentSecurityPolicy() {
		return this.contentSecurityPolicy;
	}

	public void apply(HeadersConfigurer<HttpSecurity> headers) {
		install(headers, this.writers);
	}

	/** The same headers with a page-specific policy, at least as strict as the default one. */
	public void apply(HeadersConfigurer<HttpSecurity> headers, String contentSecurityPolicy) {
		install(headers, writers(contentSecurityPolicy));
	}

	private static void install(HeadersConfigurer<HttpSecurity> headers, List<HeaderWriter> writers) {
		headers.defaultsDisabled();
		writers.forEach(headers::addHeaderWriter);
	}

	/**
	 * Writes the default headers on a response that does not pass through Spring
	 * Security's filter chain (the protocol fast path, requests refused before it).
	 */
	public void write(HttpServletRequest request, HttpServletResponse response) {
		for (HeaderWriter writer : this.writers) {
			writer.writeHeaders(request, response);
		}
	}

}
