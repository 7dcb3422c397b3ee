package vn.haiphong.hpid.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import vn.haiphong.hpid.HpidProperties;

@Configuration(proxyBeanMethods = false)
class SecurityBeans {

	@Bean
	MasterKey masterKey(HpidProperties properties) {
		return MasterKeyLoader.load(properties.masterKey(), properties.masterKeyFileAllowed(),
				properties.dataDirectory());
	}

	@Bean
	ClientSecretHasher clientSecretHasher(MasterKey masterKey) {
		return new ClientSecretHasher(masterKey);
	}

}
