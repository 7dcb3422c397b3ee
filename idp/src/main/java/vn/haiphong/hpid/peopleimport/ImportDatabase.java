package vn.haiphong.hpid.peopleimport;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;

/**
 * The application context of the import: the server's datasource and Flyway, nothing
 * else. Not a {@code @Configuration}, so the server's component scan leaves it alone.
 */
@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class })
class ImportDatabase {

}
