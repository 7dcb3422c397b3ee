package vn.haiphong.hpid.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sends a person to the error page with a message key (what happened and what to do,
 * in their language) and a technical detail that goes to the log under a reference id,
 * never onto the page.
 */
public final class ErrorPages {

	static final String KEY = "hpid.error.key";

	static final String DETAIL = "hpid.error.detail";

	static final String REFERENCE = "hpid.error.reference";

	static final String BACK = "hpid.error.back";

	private ErrorPages() {
	}

	public static void send(HttpServletRequest request, HttpServletResponse response, int status, String key,
			String detail) throws IOException {
		request.setAttribute(KEY, key);
		request.setAttribute(DETAIL, detail);
		response.sendError(status);
	}

	/**
	 * As {@link #send}, with the reference id the caller already recorded (in the audit
	 * log), and a link back to where the person can try another way, if any.
	 */
	public static void send(HttpServletRequest request, HttpServletResponse response, int status, String key,
			String detail, String reference, String back) throws IOException {
		request.setAttribute(REFERENCE, reference);
		request.setAttribute(BACK, back);
		send(request, response, status, key, detail);
	}

	/** A fresh reference id, as shown on error pages. */
	public static String newReference() {
		return vn.haiphong.hpid.security.Hashes.randomToken(6);
	}

}
