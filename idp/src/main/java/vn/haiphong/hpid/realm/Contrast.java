package vn.haiphong.hpid.realm;

/**
 * The contrast ratio of two colours (WCAG 2.1, 1.4.3): {@code (L1 + 0.05) / (L2 + 0.05)}
 * of their relative luminances, from 1 (same) to 21 (black on white).
 */
final class Contrast {

	private Contrast() {
	}

	/** Both colours as {@code #rrggbb}. */
	static double ratio(String first, String second) {
		double a = luminance(first);
		double b = luminance(second);
		return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
	}

	static double luminance(String colour) {
		int rgb = Integer.parseInt(colour.substring(1), 16);
		return 0.2126 * channel(rgb >> 16) + 0.7152 * channel(rgb >> 8) + 0.0722 * channel(rgb);
	}

	private static double channel(int value) {
		double c = (value & 0xFF) / 255.0;
		return (c <= 0.04045) ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
	}

}
