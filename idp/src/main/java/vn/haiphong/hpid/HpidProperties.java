package vn.haiphong.hpid;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Server settings (not realm settings: those live in the realm files). Every default
 * is the safe one; see docs/configuration.md.
 *
 * @param publicBaseUrl the scheme, host and port people and apps use (behind a proxy);
 * when absent, taken from each request
 * @param dataDirectory where the embedded database and key file live
 * @param realmLocations resource patterns of the realm files
 * @param demo whether the embedded demo (demo clients, demo account, /demo app) is on
 * @param masterKeyFileAllowed whether a master key file in the data directory may be
 * used when HPID_MASTER_KEY is not set (embedded default only)
 * @param masterKey the master key in base64 (from the environment variable
 * HPID_MASTER_KEY)
 */
@ConfigurationProperties("hpid")
public record HpidProperties(URI publicBaseUrl, @DefaultValue("data") Path dataDirectory,
		@DefaultValue("classpath*:realms/*.yaml") List<String> realmLocations, @DefaultValue("false") boolean demo,
		@DefaultValue("false") boolean masterKeyFileAllowed, String masterKey) {

}
