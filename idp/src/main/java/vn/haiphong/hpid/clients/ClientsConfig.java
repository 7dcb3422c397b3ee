package vn.haiphong.hpid.clients;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import vn.haiphong.hpid.audit.AuditLog;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.security.ClientSecretHasher;

/**
 * The client store: the realm files are applied to it at start, and every node keeps
 * an in-memory catalog of it, reloaded every {@code hpid.clients.reload-interval}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ClientsConfig {

	private static final Logger log = LoggerFactory.getLogger(ClientsConfig.class);

	@Bean
	ClientStore clientStore(JdbcClient jdbc) {
		return new ClientStore(jdbc);
	}

	@Bean
	ClientCatalog clientCatalog(ClientStore store, RealmRegistry realms, Environment environment,
			ClientSecretHasher hasher, JsonMapper json, Clock clock, AuditLog audit) {
		new ClientFileApplier(store, environment::getProperty, hasher, json, clock, audit).apply(realms.fromFiles(),
				realms.demo());
		ClientCatalog catalog = new ClientCatalog(store, realms);
		catalog.refresh();
		return catalog;
	}

	@Bean
	ClientReloader clientReloader(ClientCatalog catalog) {
		return new ClientReloader(catalog);
	}

	/** Re-reads the client store, so changes made through other nodes arrive here. */
	static final class ClientReloader {

		private final ClientCatalog catalog;

		ClientReloader(ClientCatalog catalog) {
			this.catalog = catalog;
		}

		@Scheduled(fixedDelayString = "${hpid.clients.reload-interval:5s}",
				initialDelayString = "${hpid.clients.reload-interval:5s}")
		void reload() {
			try {
				this.catalog.refresh();
			}
			catch (RuntimeException ex) {
				// The clients in memory stay in force; the next reload tries again.
				log.warn("Could not reload the clients: {}", ex.getMessage());
			}
		}

	}

}
