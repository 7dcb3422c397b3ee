package vn.haiphong.hpid.admin;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OpenAPI 3.1 description of the admin API, written by hand in
 * {@code resources/admin/openapi.json} so that it says what the API promises rather than
 * what a generator guesses. AdminApiTest checks that every mapped route is in it.
 * It is public: it describes the API, not any data.
 */
@RestController
class OpenApiController {

	private final byte[] document;

	OpenApiController() throws IOException {
		try (InputStream in = OpenApiController.class.getResourceAsStream("/admin/openapi.json")) {
			if (in == null) {
				throw new IllegalStateException("admin/openapi.json is missing from the classpath");
			}
			this.document = in.readAllBytes();
		}
	}

	@GetMapping(AdminConfig.API + "/openapi.json")
	ResponseEntity<byte[]> openApi() {
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(this.document);
	}

}
