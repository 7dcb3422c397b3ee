package vn.haiphong.hpid.security;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import vn.haiphong.hpid.HpidProperties;

/**
 * The production profile refuses the conveniences of the embedded default, whatever an
 * environment variable says: no demo accounts or clients, no master key in a file, no VNeID sandbox.
 */
@Component
@Profile("production")
final class ProductionGuard implements InitializingBean {

	private final HpidProperties properties;

	ProductionGuard(HpidProperties properties) {
		this.properties = properties;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.properties.demo()) {
			throw new IllegalStateException("The production profile refuses to start with the demo on (hpid.demo)");
		}
		if (this.properties.vneidSandbox()) {
			throw new IllegalStateException(
					"The production profile refuses to start with the VNeID sandbox on (hpid.vneid-sandbox): "
							+ "it authenticates nobody");
		}
		if (this.properties.masterKeyFileAllowed()) {
			throw new IllegalStateException(
					"The production profile refuses a master key file (hpid.master-key-file-allowed); set HPID_MASTER_KEY");
		}
	}

}
