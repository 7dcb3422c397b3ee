package vn.haiphong.hpid.admin.clients;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import vn.haiphong.hpid.admin.AdminProblem;
import vn.haiphong.hpid.admin.AdminProblem.FieldError;
import vn.haiphong.hpid.realm.TokenSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ClientRequestTest {

	@Test
	void readsWebOriginsAsBrowsersSendThem() {
		Map<String, Object> body = spa(List.of("HTTPS://Spa.Example:443", "http://localhost:5173"));

		ClientRequest request = ClientRequest.parse(body, TokenSettings.DEFAULT, null);

		assertThat(request.client().webOrigins()).containsExactly("https://spa.example", "http://localhost:5173");
	}

	@Test
	void namesEachWrongWebOriginByItsFieldPath() {
		Map<String, Object> body = spa(List.of("https://spa.example", "https://spa.example/", "http://spa.example",
				"https://spa.example"));

		AdminProblem problem = catchThrowableOfType(AdminProblem.class,
				() -> ClientRequest.parse(body, TokenSettings.DEFAULT, null));

		assertThat(problem.status()).isEqualTo(400);
		assertThat(problem.errors()).containsExactly(
				new FieldError("webOrigins[1]", "must not end with /: an origin has no path"),
				new FieldError("webOrigins[2]", "http is allowed only for localhost, 127.0.0.1 and [::1]; use https"),
				new FieldError("webOrigins[3]", "listed twice"));
	}

	@Test
	void refusesWebOriginsThatAreNotAList() {
		Map<String, Object> body = new LinkedHashMap<>(spa(List.of()));
		body.put("webOrigins", "https://spa.example");

		AdminProblem problem = catchThrowableOfType(AdminProblem.class,
				() -> ClientRequest.parse(body, TokenSettings.DEFAULT, null));

		assertThat(problem.errors()).extracting(FieldError::field).containsExactly("webOrigins");
	}

	private static Map<String, Object> spa(List<String> webOrigins) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("clientId", "spa");
		body.put("displayName", Map.of("vi", "Ứng dụng một trang"));
		body.put("type", "public");
		body.put("redirectUris", List.of("https://spa.example/callback"));
		body.put("webOrigins", webOrigins);
		return body;
	}

}
