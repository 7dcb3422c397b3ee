package vn.haiphong.hpid.web;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import vn.haiphong.hpid.realm.Branding;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmRegistry;

/**
 * Serves each realm's look: {@code /realms/{realm}/branding.css}, a stylesheet generated
 * from the realm file's checked colours (so pages keep a CSP without inline styles), and
 * {@code /realms/{realm}/branding/logo}, the realm's logo file.
 */
@Controller
final class BrandingController {

	/** Short: a changed realm file takes effect at the next restart, and browsers follow soon. */
	private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

	/** An SVG opened on its own runs in hpid's origin: no scripts, no plugins, no forms. */
	private static final String LOGO_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

	private final RealmRegistry realms;

	BrandingController(RealmRegistry realms) {
		this.realms = realms;
	}

	@GetMapping(path = "/realms/{realm}/branding.css", produces = "text/css;charset=UTF-8")
	ResponseEntity<String> stylesheet(@PathVariable String realm) {
		return this.realms.find(realm)
			.map((found) -> ResponseEntity.ok().cacheControl(CACHE).body(stylesheet(found)))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	@GetMapping("/realms/{realm}/branding/logo")
	ResponseEntity<byte[]> logo(@PathVariable String realm) {
		return this.realms.find(realm)
			.flatMap((found) -> found.branding().logo())
			.filter(Branding.LogoFile.class::isInstance)
			.map((logo) -> (Branding.LogoFile) logo)
			.map((file) -> ResponseEntity.ok()
				.cacheControl(CACHE)
				.contentType(MediaType.parseMediaType(file.mediaType()))
				.header("Content-Security-Policy", LOGO_POLICY)
				.body(file.content()))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

	/**
	 * Custom properties that hpid.css reads. The values were checked as {@code #rrggbb}
	 * when the realm file was read, so nothing else can reach the stylesheet.
	 */
	static String stylesheet(Realm realm) {
		Branding branding = realm.branding();
		StringBuilder css = new StringBuilder("/* The look of realm ").append(realm.name())
			.append(", from its realm file. */\n");
		if (branding.primaryColor().isEmpty() && branding.backgroundColor().isEmpty()) {
			return css.toString();
		}
		css.append(":root {");
		branding.primaryColor().ifPresent((colour) -> css.append(" --brand: ").append(colour).append(';'));
		branding.backgroundColor().ifPresent((colour) -> css.append(" --bg: ").append(colour).append(';'));
		return css.append(" }\n").toString();
	}

}
