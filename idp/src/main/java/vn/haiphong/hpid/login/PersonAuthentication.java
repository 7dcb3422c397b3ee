package vn.haiphong.hpid.login;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A person signed in to a realm: who (the person id, which is the public {@code sub}),
 * when ({@code auth_time}), how ({@code amr}), at which level ({@code acr}), and in which
 * SSO session ({@code sid}).
 */
public final class PersonAuthentication extends AbstractAuthenticationToken {

	private final String realm;

	private final String personId;

	private final Instant authTime;

	private final String acr;

	private final List<String> amr;

	private final String sid;

	public PersonAuthentication(String realm, String personId, Instant authTime, String acr, List<String> amr,
			String sid) {
		// The factor authority carries auth_time for the authorization server's ID tokens.
		super(List.of(new SimpleGrantedAuthority("ROLE_PERSON"),
				FactorGrantedAuthority.withAuthority(FactorGrantedAuthority.PASSWORD_AUTHORITY)
					.issuedAt(authTime)
					.build()));
		this.realm = realm;
		this.personId = personId;
		this.authTime = authTime;
		this.acr = acr;
		this.amr = List.copyOf(amr);
		this.sid = sid;
		setAuthenticated(true);
	}

	public String realm() {
		return this.realm;
	}

	public String personId() {
		return this.personId;
	}

	public Instant authTime() {
		return this.authTime;
	}

	public String acr() {
		return this.acr;
	}

	public List<String> amr() {
		return this.amr;
	}

	public String sid() {
		return this.sid;
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public Object getPrincipal() {
		return this.personId;
	}

	@Override
	public String getName() {
		return this.personId;
	}

	@Override
	public Collection<org.springframework.security.core.GrantedAuthority> getAuthorities() {
		return super.getAuthorities();
	}

	@Override
	public boolean equals(Object other) {
		return super.equals(other);
	}

	@Override
	public int hashCode() {
		return super.hashCode();
	}

}
