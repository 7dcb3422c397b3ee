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

	private ErrorPages() {
	}

	public static void send(HttpServletRequest request, HttpServletResponse response, int status, String key,
			String detail) throws IOException {
		request.setAttribute(KEY, key);
		request.setAttribute(DETAIL, detail);
		response.sendError(status);
	}

}
