package vn.haiphong.hpid.schema;

import java.util.Set;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link SchemaMigration} initialises the database, so every bean
 * that uses JDBC is created after it (registered in META-INF/spring.factories).
 */
class SchemaMigrationDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

	@Override
	protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
		return Set.of(SchemaMigration.class);
	}

}
