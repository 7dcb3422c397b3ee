package vn.haiphong.hpid.peopleimport;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Import;

import vn.haiphong.hpid.schema.SchemaConfig;

/**
 * The application context of the import: the server's datasource, nothing else. Not a
 * {@code @Configuration}, so the server's component scan leaves it alone.
 */
@ImportAutoConfiguration(DataSourceAutoConfiguration.class)
class ImportDatabase {

	/** The same, with the schema brought to this build's version first, as the server does. */
	@Import(SchemaConfig.class)
	static class Migrated extends ImportDatabase {

	}

}
