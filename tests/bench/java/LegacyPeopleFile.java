import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Writes a JSON-lines file of N people for the legacy import benchmark (docs/import.md
 * format): every person has an e-mail, every second one a phone number, every fourth one
 * an unverified personal ID number. Password hashes are real PBKDF2-SHA256 in Django's
 * form at Django's iteration count, but only PASSWORDS distinct ones, repeated: a million
 * hashes at 720,000 iterations would take the machine days, and the import only checks a
 * hash's format, so its speed does not depend on the hash being unique. Person i has the
 * password "bench-password-" + (i % PASSWORDS).
 *
 * <pre>java LegacyPeopleFile.java N FILE [PASSWORDS]</pre>
 */
public final class LegacyPeopleFile {

	static final int ITERATIONS = 720_000;

	private static final String[] FAMILY = { "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi" };

	private static final String[] GIVEN = { "An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Lan", "Minh", "Phương", "Tâm" };

	public static void main(String[] args) throws Exception {
		long count = Long.parseLong(args[0]);
		Path file = Path.of(args[1]);
		int passwords = args.length > 2 ? Integer.parseInt(args[2]) : 8;
		String[] hashes = new String[passwords];
		SecureRandom random = new SecureRandom();
		for (int i = 0; i < passwords; i++) {
			byte[] saltBytes = new byte[12];
			random.nextBytes(saltBytes);
			String salt = Base64.getEncoder().withoutPadding().encodeToString(saltBytes).replace('+', 'x').replace('/', 'y');
			byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
				.generateSecret(new PBEKeySpec(("bench-password-" + i).toCharArray(),
						salt.getBytes(StandardCharsets.UTF_8), ITERATIONS, 256))
				.getEncoded();
			hashes[i] = "pbkdf2_sha256$" + ITERATIONS + "$" + salt + "$" + Base64.getEncoder().encodeToString(hash);
		}
		try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
			StringBuilder line = new StringBuilder(400);
			for (long i = 0; i < count; i++) {
				line.setLength(0);
				line.append("{\"legacy_id\":\"L").append(i).append("\",\"email\":\"person").append(i)
					.append("@bench.example.vn\"");
				if (i % 2 == 0) {
					line.append(",\"phone\":\"09").append(String.format(Locale.ROOT, "%08d", i)).append('"');
				}
				line.append(",\"display_name\":\"").append(FAMILY[(int) (i % FAMILY.length)]).append(" Văn ")
					.append(GIVEN[(int) ((i / FAMILY.length) % GIVEN.length)]).append('"');
				line.append(",\"password_hash\":\"").append(hashes[(int) (i % passwords)]).append('"');
				if (i % 4 == 0) {
					// 031 (Hải Phòng), century digit 0/1 (1900s), birth year 50-99, six digits from i.
					line.append(",\"personal_id\":\"031").append(i % 8 == 0 ? '0' : '1')
						.append(50 + i % 50).append(String.format(Locale.ROOT, "%06d", i % 1_000_000)).append('"');
				}
				line.append("}\n");
				out.append(line);
			}
		}
		catch (IOException ex) {
			System.err.println(file + ": " + ex.getMessage());
			System.exit(2);
		}
	}

}
