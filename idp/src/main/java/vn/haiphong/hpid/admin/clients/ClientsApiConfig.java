package vn.haiphong.hpid.admin.clients;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.haiphong.hpid.admin.AdminAudit;
import vn.haiphong.hpid.clients.ClientCatalog;
import vn.haiphong.hpid.clients.ClientStore;
import vn.haiphong.hpid.security.ClientSecretHasher;

@Configuration(proxyBeanMethods = false)
class ClientsApiConfig {

	@Bean
	ClientAdministration clientAdministration(ClientStore store, ClientCatalog catalog, ClientSecretHasher hasher,
			AdminAudit audit, JsonMapper json, Clock clock) {
		return new ClientAdministration(store, catalog, hasher, audit, json, clock);
	}

}
