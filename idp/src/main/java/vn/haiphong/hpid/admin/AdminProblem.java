package vn.haiphong.hpid.admin;

import java.util.List;

/**
 * An admin API request that cannot be served, answered as RFC 9457 problem details
 * ({@code application/problem+json}) by {@link AdminProblemAdvice}. The {@code slug} names
 * the problem type: {@code https://hpid.haiphong.gov.vn/problems/{slug}}.
 */
public class AdminProblem extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public static final String TYPE_BASE = "https://hpid.haiphong.gov.vn/problems/";

	/** One invalid field of a request body or query, by its path, e.g. {@code redirectUris[0]}. */
	public record FieldError(String field, String reason) {
	}

	private final int status;

	private final String slug;

	private final String title;

	private final String detail;

	private final List<FieldError> errors;

	public AdminProblem(int status, String slug, String title, String detail, List<FieldError> errors) {
		super(slug + ": " + detail);
		this.status = status;
		this.slug = slug;
		this.title = title;
		this.detail = detail;
		this.errors = errors == null ? List.of() : List.copyOf(errors);
	}

	public AdminProblem(int status, String slug, String title, String detail) {
		this(status, slug, title, detail, List.of());
	}

	public static AdminProblem unauthenticated(String detail) {
		return new AdminProblem(401, "unauthenticated", "Authentication required", detail);
	}

	public static AdminProblem forbidden(String detail) {
		return new AdminProblem(403, "forbidden", "Not allowed", detail);
	}

	public static AdminProblem notFound(String detail) {
		return new AdminProblem(404, "not-found", "Not found", detail);
	}

	public static AdminProblem conflict(String slug, String title, String detail) {
		return new AdminProblem(409, slug, title, detail);
	}

	/** A request whose fields are wrong; each error names its field. */
	public static AdminProblem invalid(List<FieldError> errors) {
		return new AdminProblem(400, "validation", "Invalid request",
				errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
						: errors.size() + " fields are invalid",
				errors);
	}

	public static AdminProblem invalid(String field, String reason) {
		return invalid(List.of(new FieldError(field, reason)));
	}

	public int status() {
		return this.status;
	}

	public String slug() {
		return this.slug;
	}

	public String title() {
		return this.title;
	}

	public String detail() {
		return this.detail;
	}

	public List<FieldError> errors() {
		return this.errors;
	}

	public String type() {
		return TYPE_BASE + this.slug;
	}

}
