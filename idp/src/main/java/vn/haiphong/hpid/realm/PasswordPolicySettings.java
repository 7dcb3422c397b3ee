package vn.haiphong.hpid.realm;

/**
 * Password rules after OWASP ASVS 5: a minimum length, a generous maximum, no
 * composition rules; common passwords and passwords containing the account name are
 * refused by the policy itself.
 *
 * @param minLength at least 8; 15 is recommended
 * @param maxLength at least 64
 */
public record PasswordPolicySettings(int minLength, int maxLength) {

	public static final PasswordPolicySettings DEFAULT = new PasswordPolicySettings(8, 128);

}
