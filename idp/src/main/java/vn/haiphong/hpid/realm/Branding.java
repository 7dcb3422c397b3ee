package vn.haiphong.hpid.realm;

import java.net.URI;
import java.util.Optional;

/**
 * How a realm's pages look: its logo and colours, from the realm file's {@code branding}.
 * Every value has been checked: colours are {@code #rrggbb} with enough contrast for
 * their text (WCAG 2.1 AA), a logo is an https URL or a checked image file from the
 * realm's folder. Pages take them from a generated stylesheet, never from inline styles.
 *
 * @param primaryColor header bar, primary buttons, links and outlines; under white text
 * @param backgroundColor the page around the cards; under the body text
 * @param logo the realm's logo, shown in the header
 */
public record Branding(Optional<String> primaryColor, Optional<String> backgroundColor, Optional<Logo> logo) {

	/** No branding: the pages keep hpid's own look. */
	public static final Branding NONE = new Branding(Optional.empty(), Optional.empty(), Optional.empty());

	/** A logo: where the browser loads it from. */
	public sealed interface Logo permits RemoteLogo, LogoFile {

	}

	/** A logo the city serves itself, at an https URL. */
	public record RemoteLogo(URI url) implements Logo {

	}

	/**
	 * A logo file from the realm's folder, served by hpid.
	 *
	 * @param name the path given in the realm file, relative to the realm file
	 * @param mediaType its media type, from its name and checked against its content
	 * @param content its bytes
	 */
	public record LogoFile(String name, String mediaType, byte[] content) implements Logo {

		public LogoFile {
			content = content.clone();
		}

		@Override
		public byte[] content() {
			return this.content.clone();
		}

	}

	/** The remote logo's URL, or {@code null}: for templates. */
	public String remoteLogoUrl() {
		return this.logo.filter(RemoteLogo.class::isInstance).map((l) -> ((RemoteLogo) l).url().toString())
			.orElse(null);
	}

	/** Whether the realm serves its own logo file: for templates. */
	public boolean hasLogoFile() {
		return this.logo.filter(LogoFile.class::isInstance).isPresent();
	}

}
