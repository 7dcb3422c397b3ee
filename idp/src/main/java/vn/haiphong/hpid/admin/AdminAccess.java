package vn.haiphong.hpid.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The permission an admin API handler needs, in the realm of its {@code {realm}} path
 * variable (every realm when it has none), checked by {@link AdminAccessInterceptor}
 * before the request body is read: someone without the permission gets 403 — and an
 * audited refusal — whatever they sent, not a 400 that tells them about the body.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface AdminAccess {

	AdminPermission value();

}
