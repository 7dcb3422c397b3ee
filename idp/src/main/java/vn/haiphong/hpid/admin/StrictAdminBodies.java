package vn.haiphong.hpid.admin;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;

/**
 * Reads the request bodies of the admin API strictly: an unknown field is an error with
 * its path ({@code redirectUris[0].foo}), not silently dropped, so a typo in a script
 * never half-applies a change. Only the admin API's own request types are read here; the
 * rest of the server keeps the lenient default, and responses are written as usual.
 */
final class StrictAdminBodies extends JacksonJsonHttpMessageConverter {

	private static final String ADMIN_PACKAGE = "vn.haiphong.hpid.admin.";

	StrictAdminBodies(JsonMapper json) {
		super(json.rebuild()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.build());
	}

	@Override
	public boolean canRead(ResolvableType type, MediaType mediaType) {
		Class<?> target = type.resolve();
		return target != null && target.getName().startsWith(ADMIN_PACKAGE) && super.canRead(type, mediaType);
	}

	@Override
	public boolean canWrite(ResolvableType type, Class<?> valueClass, MediaType mediaType) {
		return false;
	}

}
