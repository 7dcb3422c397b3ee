package vn.haiphong.hpid.tests;

import java.io.IOException;
import java.net.URI;
import java.net.URL;

import org.htmlunit.BrowserVersion;
import org.htmlunit.HttpMethod;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

/**
 * A headless browser (HtmlUnit) that stops at the app's redirect URI instead of
 * following it, the way an app's callback would receive it.
 */
final class Browser implements AutoCloseable {

	private final WebClient client = new WebClient(BrowserVersion.FIREFOX);

	Browser() {
		this.client.getOptions().setRedirectEnabled(false);
		this.client.getOptions().setThrowExceptionOnFailingStatusCode(false);
		this.client.getOptions().setJavaScriptEnabled(false);
		this.client.getOptions().setCssEnabled(false);
	}

	Page open(String url) throws IOException {
		return this.client.getPage(new URL(url));
	}

	Page open(URI url) throws IOException {
		return open(url.toString());
	}

	/**
	 * Follows the server's redirects from {@code start}, signing in on the way when a
	 * sign-in page appears, until the browser is sent to {@code callbackPrefix}.
	 */
	URI authorize(URI start, String callbackPrefix, String identifier, String password) throws IOException {
		Page page = open(start);
		for (int step = 0; step < 12; step++) {
			WebResponse response = page.getWebResponse();
			int status = response.getStatusCode();
			if (status >= 300 && status < 400) {
				String location = response.getResponseHeaderValue("Location");
				if (location.startsWith(callbackPrefix)) {
					return URI.create(location);
				}
				page = open(location);
				continue;
			}
			if (page instanceof HtmlPage html && html.getElementByName("password") != null && identifier != null) {
				page = signIn(html, identifier, password);
				identifier = null;
				continue;
			}
			throw new AssertionError("Stopped at " + response.getWebRequest().getUrl() + " with status " + status
					+ ":\n" + response.getContentAsString());
		}
		throw new AssertionError("Too many redirects from " + start);
	}

	static Page signIn(HtmlPage login, String identifier, String password) throws IOException {
		HtmlForm form = login.getForms().get(0);
		form.getInputByName("identifier").setValue(identifier);
		form.getInputByName("password").setValue(password);
		return form.getButtonsByName("").isEmpty() ? form.getOneHtmlElementByAttribute("button", "type", "submit").click()
				: form.getButtonsByName("").get(0).click();
	}

	Page post(String url, String body) throws IOException {
		WebRequest request = new WebRequest(new URL(url), HttpMethod.POST);
		request.setAdditionalHeader("Content-Type", "application/x-www-form-urlencoded");
		request.setRequestBody(body);
		return this.client.getPage(request);
	}

	WebClient client() {
		return this.client;
	}

	@Override
	public void close() {
		this.client.close();
	}

}
