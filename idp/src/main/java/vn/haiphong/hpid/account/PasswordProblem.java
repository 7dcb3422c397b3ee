package vn.haiphong.hpid.account;

/** Why a new password was refused; each carries the message key the page shows. */
public enum PasswordProblem {

	TOO_SHORT("password.too-short"),

	TOO_LONG("password.too-long"),

	TOO_COMMON("password.too-common"),

	CONTAINS_ACCOUNT_NAME("password.contains-account-name");

	private final String messageKey;

	PasswordProblem(String messageKey) {
		this.messageKey = messageKey;
	}

	public String messageKey() {
		return this.messageKey;
	}

}
