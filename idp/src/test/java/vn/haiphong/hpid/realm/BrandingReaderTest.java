package vn.haiphong.hpid.realm;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

class BrandingReaderTest {

	private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 8 8\"/>";

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };

	private final RealmFileParser parser = new RealmFileParser();

	private Map<String, byte[]> files = Map.of("logo.svg", SVG.getBytes(StandardCharsets.UTF_8), "brand/logo.png",
			PNG, "fake.png", SVG.getBytes(StandardCharsets.UTF_8), "huge.svg",
			("<svg>" + "x".repeat(BrandingReader.MAX_LOGO_BYTES) + "</svg>").getBytes(StandardCharsets.UTF_8),
			"evil.svg", "<svg><script>alert(1)</script></svg>".getBytes(StandardCharsets.UTF_8));

	@Test
	void aRealmWithoutBrandingKeepsHpidsLook() {
		assertThat(parse("").branding()).isEqualTo(Branding.NONE);
	}

	@Test
	void readsColoursInOneFormAndALogoFileFromTheRealmFolder() {
		Branding branding = parse("""
				branding:
				  logo: brand/logo.png
				  primaryColor: "#B71C1C"
				  backgroundColor: "#fff"
				""").branding();
		assertThat(branding.primaryColor()).contains("#b71c1c");
		assertThat(branding.backgroundColor()).contains("#ffffff");
		Branding.LogoFile logo = (Branding.LogoFile) branding.logo().orElseThrow();
		assertThat(logo.mediaType()).isEqualTo("image/png");
		assertThat(logo.content()).isEqualTo(PNG);
		assertThat(branding.hasLogoFile()).isTrue();
		assertThat(branding.remoteLogoUrl()).isNull();
	}

	@Test
	void acceptsAnHttpsLogoUrl() {
		Branding branding = parse("""
				branding:
				  logo: https://cdn.haiphong.gov.vn/logo.svg
				""").branding();
		assertThat(branding.remoteLogoUrl()).isEqualTo("https://cdn.haiphong.gov.vn/logo.svg");
		assertThat(branding.hasLogoFile()).isFalse();
	}

	@Test
	void refusesAPrimaryColourTooLightForWhiteTextWithTheRatio() {
		assertThat(errors("""
				branding:
				  primaryColor: "#3399ff"
				""")).containsExactly(new RealmFileError("test.yaml", "branding.primaryColor", 4,
						"contrast with white text is 2.94:1; WCAG 2.1 AA needs at least 4.5:1, choose a darker colour"));
	}

	@Test
	void theContrastLimitIsFourAndAHalf() {
		// #777777 on white is 4.48:1, #767676 is 4.54:1.
		assertThat(errors("""
				branding:
				  primaryColor: "#777777"
				""")).extracting(RealmFileError::fieldPath).containsExactly("branding.primaryColor");
		assertThat(parse("""
				branding:
				  primaryColor: "#767676"
				""").branding().primaryColor()).contains("#767676");
	}

	@Test
	void refusesABackgroundTooDarkForTheBodyText() {
		assertThat(errors("""
				branding:
				  backgroundColor: "#0b5cab"
				""")).singleElement().satisfies((error) -> {
					assertThat(error.fieldPath()).isEqualTo("branding.backgroundColor");
					assertThat(error.reason()).contains("choose a lighter colour");
				});
	}

	@Test
	void refusesColoursThatAreNotHexadecimalAndAnUnquotedHash() {
		assertThat(errors("""
				branding:
				  primaryColor: red
				  backgroundColor: #fdf6ec
				""")).extracting(RealmFileError::fieldPath, RealmFileError::line, RealmFileError::reason)
			.containsExactly(tuple("branding.primaryColor", 4, "expected a colour as \"#rrggbb\" or \"#rgb\""),
					tuple("branding.backgroundColor", 5, "empty; write the colour in quotes, e.g. \"#0b5cab\" "
							+ "(an unquoted # starts a YAML comment)"));
		assertThat(errors("""
				branding:
				  primaryColor: "#0b5cab; } body { background: url(https://evil.example/x)"
				""")).extracting(RealmFileError::fieldPath).containsExactly("branding.primaryColor");
	}

	@Test
	void refusesLogoUrlsThatAreNotHttps() {
		for (String logo : List.of("http://cdn.haiphong.gov.vn/logo.svg", "javascript:alert(1)",
				"data:image/svg+xml;base64,PHN2Zz4=", "https://user@cdn.haiphong.gov.vn/logo.svg")) {
			assertThat(errors("""
					branding:
					  logo: "%s"
					""".formatted(logo))).as(logo)
				.extracting(RealmFileError::fieldPath, RealmFileError::line)
				.containsExactly(tuple("branding.logo", 4));
		}
	}

	@Test
	void refusesLogoFilesOutsideTheFolderMissingTooLargeOrNotWhatTheirNameSays() {
		assertThat(reason("../secrets/logo.svg")).startsWith("expected an https URL, or the path of");
		assertThat(reason("/etc/logo.svg")).startsWith("expected an https URL, or the path of");
		assertThat(reason("logo.gif")).startsWith("expected an https URL, or the path of");
		assertThat(reason("missing.svg")).isEqualTo("no such file next to the realm file");
		assertThat(reason("huge.svg")).startsWith("the file is larger than 100 KB");
		assertThat(reason("fake.png")).isEqualTo("the file's content is not a PNG image");
		assertThat(reason("evil.svg")).isEqualTo("an SVG logo must not contain scripts or foreign objects");
	}

	@Test
	void anUnknownBrandingFieldIsRefused() {
		assertThat(errors("""
				branding:
				  primaryColour: "#0b5cab"
				""")).extracting(RealmFileError::fieldPath, RealmFileError::reason)
			.containsExactly(tuple("branding.primaryColour",
					"unknown field; expected one of logo, primaryColor, backgroundColor"));
	}

	@Test
	void contrastFollowsWcag() {
		assertThat(Contrast.ratio("#000000", "#ffffff")).isEqualTo(21.0);
		assertThat(Contrast.ratio("#ffffff", "#ffffff")).isEqualTo(1.0);
		assertThat(Contrast.ratio("#0b5cab", "#ffffff")).isBetween(6.6, 6.8);
	}

	private String reason(String logo) {
		List<RealmFileError> errors = errors("""
				branding:
				  logo: "%s"
				""".formatted(logo));
		assertThat(errors).as(logo).hasSize(1);
		return errors.get(0).reason();
	}

	private Realm parse(String branding) {
		return this.parser.parseFile("test.yaml", new StringReader(realm(branding)), this::read).value();
	}

	private List<RealmFileError> errors(String branding) {
		RealmFileException failure = catchThrowableOfType(RealmFileException.class,
				() -> this.parser.parseFile("test.yaml", new StringReader(realm(branding)), this::read));
		assertThat(failure).as("a RealmFileException").isNotNull();
		return failure.errors();
	}

	private Optional<byte[]> read(String name, int maxBytes) {
		return Optional.ofNullable(this.files.get(name));
	}

	/** A realm whose branding starts on line 3. */
	private static String realm(String branding) {
		return """
				realm: test
				displayName: { vi: Thử }
				""" + branding;
	}

}
