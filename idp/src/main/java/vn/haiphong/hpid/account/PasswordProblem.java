package vn.haiphong.hpid.account;

/** Why a password was refused; each has a message in the pages' languages. */
public enum PasswordProblem {

	TOO_SHORT("password.too-short"), TOO_LONG("password.too-long"), TOO_COMMON("password.too-common"),
	CONTAINS_ACCOUNT_NAME("password.contains-account-name");

	private final String messageKey;

	PasswordProblem(String messageKey) {
		this.messageKey = messageKey;
	}

	public String messageKey() {
		return this.messageKey;
	}

}
