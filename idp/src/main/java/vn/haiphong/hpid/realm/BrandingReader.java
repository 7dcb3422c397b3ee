package vn.haiphong.hpid.realm;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a realm's {@code branding}. Colours must be {@code #rrggbb} (or {@code #rgb}) and
 * readable: a primary colour under white text, and a background under the body text,
 * need a contrast ratio of at least 4.5:1 (WCAG 2.1 AA, 1.4.3). Too little contrast is an
 * error, not a warning: the sign-in pages must stay readable for everyone, and a CI
 * warning is easy to miss.
 *
 * <p>
 * A logo is an https URL, or a PNG, JPEG, WebP or SVG file next to the realm file (at
 * most 100 KB) that hpid reads at start and serves itself.
 */
final class BrandingReader {

	static final List<String> FIELDS = List.of("logo", "primaryColor", "backgroundColor");

	static final int MAX_LOGO_BYTES = 100 * 1024;

	/** The text colours of hpid.css that the branding colours sit under. */
	static final String WHITE = "#ffffff";

	static final String BODY_TEXT = "#1d1d1f";

	static final double MINIMUM_CONTRAST = 4.5;

	private static final Pattern COLOUR = Pattern.compile("#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})");

	// Relative path segments that cannot climb out of the folder or hide a dot file.
	private static final Pattern LOGO_FILE = Pattern
		.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*\\.(png|jpg|jpeg|webp|svg)");

	private static final Map<String, String> MEDIA_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg", "jpeg",
			"image/jpeg", "webp", "image/webp", "svg", "image/svg+xml");

	private BrandingReader() {
	}

	static Branding read(MappingReader realm, RealmFolder folder) {
		Optional<MappingReader> found = realm.map("branding", FIELDS);
		if (found.isEmpty()) {
			return Branding.NONE;
		}
		MappingReader branding = found.get();
		Optional<String> primary = colour(branding, "primaryColor", WHITE, "white text");
		Optional<String> background = colour(branding, "backgroundColor", BODY_TEXT, "the body text (" + BODY_TEXT + ")");
		Optional<Branding.Logo> logo = logo(branding, folder);
		return new Branding(primary, background, logo);
	}

	private static Optional<String> colour(MappingReader branding, String key, String textColour, String textName) {
		if (branding.declared(key) && !branding.has(key)) {
			branding.error(key, "empty; write the colour in quotes, e.g. \"#0b5cab\" (an unquoted # starts a "
					+ "YAML comment)");
			return Optional.empty();
		}
		Optional<String> text = branding.string(key).map(String::strip);
		if (text.isEmpty()) {
			return Optional.empty();
		}
		if (!COLOUR.matcher(text.get()).matches()) {
			branding.error(key, "expected a colour as \"#rrggbb\" or \"#rgb\"");
			return Optional.empty();
		}
		String colour = normalise(text.get());
		double ratio = Contrast.ratio(colour, textColour);
		if (ratio < MINIMUM_CONTRAST) {
			branding.error(key, String.format(Locale.ROOT,
					"contrast with %s is %.2f:1; WCAG 2.1 AA needs at least 4.5:1, choose a %s colour", textName,
					ratio, textColour.equals(WHITE) ? "darker" : "lighter"));
			return Optional.empty();
		}
		return Optional.of(colour);
	}

	/** {@code #rgb} as {@code #rrggbb}, in lower case, so the stylesheet has one form. */
	static String normalise(String colour) {
		String hex = colour.substring(1).toLowerCase(Locale.ROOT);
		if (hex.length() == 3) {
			hex = "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2);
		}
		return "#" + hex;
	}

	private static Optional<Branding.Logo> logo(MappingReader branding, RealmFolder folder) {
		Optional<String> text = branding.string("logo").map(String::strip);
		if (text.isEmpty()) {
			return Optional.empty();
		}
		String value = text.get();
		if (value.contains(":")) {
			return remoteLogo(branding, value);
		}
		if (!LOGO_FILE.matcher(value).matches()) {
			branding.error("logo", "expected an https URL, or the path of a .png, .jpg, .webp or .svg file "
					+ "in the realm file's folder (no .. or leading /)");
			return Optional.empty();
		}
		String extension = value.substring(value.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
		Optional<byte[]> content;
		try {
			content = folder.read(value, MAX_LOGO_BYTES);
		}
		catch (IOException ex) {
			branding.error("logo", "the file cannot be read: " + ex.getClass().getSimpleName());
			return Optional.empty();
		}
		if (content.isEmpty()) {
			branding.error("logo", "no such file next to the realm file");
			return Optional.empty();
		}
		byte[] bytes = content.get();
		if (bytes.length > MAX_LOGO_BYTES) {
			branding.error("logo", "the file is larger than 100 KB; the logo is loaded with every sign-in page");
			return Optional.empty();
		}
		Optional<String> problem = checkContent(extension, bytes);
		if (problem.isPresent()) {
			branding.error("logo", problem.get());
			return Optional.empty();
		}
		return Optional.of(new Branding.LogoFile(value, MEDIA_TYPES.get(extension), bytes));
	}

	private static Optional<Branding.Logo> remoteLogo(MappingReader branding, String value) {
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			branding.error("logo", "not a valid URL");
			return Optional.empty();
		}
		if (!"https".equalsIgnoreCase(uri.getScheme())) {
			branding.error("logo", "a logo URL must use https (the pages are served over https; other schemes "
					+ "such as http, data or javascript are refused)");
			return Optional.empty();
		}
		if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
			branding.error("logo", "a logo URL must name a host, without user information or fragment");
			return Optional.empty();
		}
		return Optional.of(new Branding.RemoteLogo(uri));
	}

	/** The file must be what its name says, so it is served with the right type. */
	private static Optional<String> checkContent(String extension, byte[] bytes) {
		boolean matches = switch (extension) {
			case "png" -> startsWith(bytes, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A);
			case "jpg", "jpeg" -> startsWith(bytes, 0xFF, 0xD8, 0xFF);
			case "webp" -> bytes.length > 12 && startsWith(bytes, 'R', 'I', 'F', 'F')
					&& new String(bytes, 8, 4, StandardCharsets.US_ASCII).equals("WEBP");
			default -> new String(bytes, StandardCharsets.UTF_8).contains("<svg");
		};
		if (!matches) {
			return Optional.of("the file's content is not a " + extension.toUpperCase(Locale.ROOT) + " image");
		}
		if (extension.equals("svg")) {
			String svg = new String(bytes, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
			// A logo needs no script; hpid also serves it under a sandboxing policy.
			if (svg.contains("<script") || svg.contains("javascript:") || svg.contains("<foreignobject")) {
				return Optional.of("an SVG logo must not contain scripts or foreign objects");
			}
		}
		return Optional.empty();
	}

	private static boolean startsWith(byte[] bytes, int... prefix) {
		if (bytes.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if ((bytes[i] & 0xFF) != prefix[i]) {
				return false;
			}
		}
		return true;
	}

}
