package vn.haiphong.hpid.login;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import vn.haiphong.hpid.store.EphemeralStore;

/**
 * Slows password guessing down by account and by client address.
 *
 * <p>It only ever delays, never locks: a lockout would let anyone who knows a person's
 * e-mail address keep them out of their account. The delay doubles with each failure
 * past the free ones, up to a cap, so online guessing against one account stays at a
 * few attempts an hour while the owner, at worst, waits some minutes.
 *
 * <p>Call {@link #check} before verifying a password and {@link #recordFailure} or
 * {@link #recordSuccess} after. Account names are hashed before they become store keys,
 * so the store holds no e-mail addresses or phone numbers.
 */
public final class LoginThrottle {

	private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]{6,}");

	private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

	private final FailureCounter accounts;

	private final FailureCounter addresses;

	public LoginThrottle(EphemeralStore store, Clock clock, ThrottleSettings settings) {
		Objects.requireNonNull(store, "store");
		Objects.requireNonNull(clock, "clock");
		Objects.requireNonNull(settings, "settings");
		this.accounts = new FailureCounter(store, clock, settings.accountFreeFailures(), settings.window(),
				settings.maxDelay());
		this.addresses = new FailureCounter(store, clock, settings.ipFreeFailures(), settings.window(),
				settings.maxDelay());
	}

	/** The longer of the account's and the address's waits. */
	public ThrottleDecision check(String realm, String account, String ip) {
		Duration byAccount = this.accounts.waitBeforeNextAttempt(accountKey(realm, account));
		Duration byAddress = this.addresses.waitBeforeNextAttempt(ipKey(realm, ip));
		return ThrottleDecision.retryAfter(byAccount.compareTo(byAddress) >= 0 ? byAccount : byAddress);
	}

	public void recordFailure(String realm, String account, String ip) {
		this.accounts.recordFailure(accountKey(realm, account));
		this.addresses.recordFailure(ipKey(realm, ip));
	}

	/**
	 * Forgets the account's failures. The address's stay: one success from an address
	 * must not wipe out its guesses against other accounts.
	 */
	public void recordSuccess(String realm, String account) {
		this.accounts.clear(accountKey(realm, account));
	}

	/** How long the account's next sign-in attempt must wait: "locked" to an administrator. */
	public Duration accountWait(String realm, String account) {
		return this.accounts.waitBeforeNextAttempt(accountKey(realm, account));
	}

	/** Forgets the account's failures (an administrator's unlock); addresses keep theirs. */
	public void clearAccount(String realm, String account) {
		this.accounts.clear(accountKey(realm, account));
	}

	static String accountKey(String realm, String account) {
		Objects.requireNonNull(realm, "realm");
		Objects.requireNonNull(account, "account");
		return "throttle:acct:" + sha256(realm + "|" + normaliseAccount(account));
	}

	static String ipKey(String realm, String ip) {
		Objects.requireNonNull(realm, "realm");
		Objects.requireNonNull(ip, "ip");
		return "throttle:ip:" + realm + "|" + normaliseAddress(ip);
	}

	/**
	 * One key per account however it is typed, so that "An@X.vn" and "an@x.vn ", or
	 * "+84 912 345 678" and "0912345678", do not each get their own free failures.
	 */
	static String normaliseAccount(String account) {
		String folded = Normalizer.normalize(account.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
		if (!PHONE.matcher(folded).matches()) {
			return folded;
		}
		String digits = folded.replaceAll("[^0-9]", "");
		return digits.startsWith("84") && digits.length() > 9 ? "0" + digits.substring(2) : digits;
	}

	/**
	 * An IPv6 client is keyed by its /64: a single subscriber is usually handed a whole
	 * /64 and could otherwise take a fresh address for every guess.
	 */
	static String normaliseAddress(String ip) {
		String trimmed = ip.strip();
		if (trimmed.indexOf(':') < 0 || !IPV6_LITERAL.matcher(trimmed).matches()) {
			return trimmed;
		}
		try {
			// The pattern admits only literals, so this never reaches DNS.
			byte[] bytes = InetAddress.getByName(trimmed).getAddress();
			if (bytes.length != 16) {
				return InetAddress.getByAddress(bytes).getHostAddress();
			}
			return HexFormat.of().formatHex(bytes, 0, 8) + "/64";
		}
		catch (UnknownHostException ex) {
			return trimmed;
		}
	}

	private static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java runtime", ex);
		}
	}

}
