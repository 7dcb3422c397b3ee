package vn.haiphong.hpid.broker;

import java.util.Optional;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.store.EphemeralStore;

/** The upstream connectors, their pending sign-ins, and the embedded VNeID sandbox. */
@Configuration(proxyBeanMethods = false)
class BrokerBeans {

	@Bean(destroyMethod = "close")
	@ConditionalOnProperty(name = "hpid.vneid-sandbox", havingValue = "true")
	VneidSandboxHolder vneidSandbox(@Value("${hpid.vneid-sandbox-port:0}") int port) {
		return new VneidSandboxHolder(port);
	}

	@Bean
	UpstreamConnectors upstreamConnectors(RealmRegistry realms, Environment environment,
			ObjectProvider<VneidSandboxHolder> sandbox) {
		return new UpstreamConnectors(realms, environment, Optional.ofNullable(sandbox.getIfAvailable()));
	}

	@Bean
	BrokerTransactions brokerTransactions(EphemeralStore store, JsonMapper json) {
		return new BrokerTransactions(store, json);
	}

}
