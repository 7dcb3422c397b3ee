package vn.haiphong.hpid.schema;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The schema migration of the server and of the people import. */
@Configuration(proxyBeanMethods = false)
public class SchemaConfig {

	@Bean
	SchemaMigration schemaMigration(DataSource dataSource) {
		return new SchemaMigration(dataSource);
	}

}
