package vn.haiphong.hpid.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.ClassPathResource;

/**
 * What Tomcat answers by itself, for a request it could not parse far enough to hand to
 * hpid: headers over 16 KB (in practice a browser's cookies for the whole government
 * domain) or a broken request line. Instead of Tomcat's English "HTTP Status 400" page,
 * a person gets a short page in Vietnamese and English that says to clear the site's
 * cookies. Tomcat serves such a page from a file, so the page is copied out of the jar
 * once at start.
 */
final class UnparsedRequestPage implements ApplicationListener<WebServerInitializedEvent> {

	/**
	 * Only for 400, what Tomcat answers to a request it cannot read; other statuses it
	 * answers itself (a 503 while stopping) keep its own short page, which shows no
	 * version and no stack trace.
	 */
	private static final String BAD_REQUEST = "errorCode.400";

	private final Path page;

	UnparsedRequestPage() {
		try (InputStream html = new ClassPathResource("web/unparsed-request.html").getInputStream()) {
			this.page = Files.createTempFile("hpid-unparsed-request", ".html");
			this.page.toFile().deleteOnExit();
			Files.copy(html, this.page, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the page for unparsed requests", ex);
		}
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (!(event.getWebServer() instanceof TomcatWebServer tomcat)) {
			return;
		}
		for (Valve valve : tomcat.getTomcat().getHost().getPipeline().getValves()) {
			if (valve instanceof ErrorReportValve report) {
				report.setProperty(BAD_REQUEST, this.page.toString());
			}
		}
	}

}
