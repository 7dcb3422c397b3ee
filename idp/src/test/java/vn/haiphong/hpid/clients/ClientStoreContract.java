package vn.haiphong.hpid.clients;

import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;

import vn.haiphong.hpid.TestDatabases;
import vn.haiphong.hpid.realm.ClientRegistration.GrantType;
import vn.haiphong.hpid.realm.Realm;
import vn.haiphong.hpid.realm.RealmFileParser;
import vn.haiphong.hpid.realm.RealmRegistry;
import vn.haiphong.hpid.security.ClientSecretHasher;
import vn.haiphong.hpid.security.MasterKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The client store and the realm-file loader on a real database; run on H2 and on
 * PostgreSQL by the subclasses.
 */
abstract class ClientStoreContract {

	static final String PORTAL_SECRET = "portal-secret-0123456789-0123456789-abcdef";

	private static final String REALM = """
			realm: city
			displayName: { vi: Thành phố }
			clients:
			  - clientId: portal
			    displayName: { vi: Cổng dịch vụ công }
			    type: confidential
			    secret: ${env:PORTAL_SECRET}
			    redirectUris: [https://portal.example/cb]
			    scopes: [openid, profile, email]
			  - clientId: spa
			    type: public
			    redirectUris: [https://spa.example/cb]
			    tokens: { accessTokenLifetime: 10m }
			  - clientId: demo-only
			    type: public
			    demo: true
			    redirectUris: [http://localhost:8080/cb]
			""";

	private final Map<String, String> environment = new HashMap<>(Map.of("PORTAL_SECRET", PORTAL_SECRET));

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC);

	private final ClientSecretHasher hasher = new ClientSecretHasher(new MasterKey(new byte[32]));

	private ClientStore store;

	private ClientFileApplier applier;

	/** A fresh, empty database. */
	abstract DataSource dataSource();

	@BeforeEach
	void setUp() {
		DataSource dataSource = TestDatabases.migrated(dataSource());
		this.store = new ClientStore(JdbcClient.create(dataSource));
		this.applier = new ClientFileApplier(this.store, this.environment::get, this.hasher,
				JsonMapper.builder().build(), this.clock, null);
	}

	@Test
	void createsTheClientsOfAFileAsManagedByConfiguration() {
		ClientFileApplier.Report report = this.applier.apply(List.of(realm(REALM)), true);

		assertThat(report.created()).containsExactly("city/portal", "city/spa", "city/demo-only");
		StoredClient portal = this.store.find("city", "portal").orElseThrow();
		assertThat(portal.managedBy()).isEqualTo(ManagedBy.CONFIG);
		assertThat(portal.version()).isEqualTo(1);
		assertThat(portal.enabled()).isTrue();
		assertThat(this.hasher.matches(PORTAL_SECRET, portal.secretHash().orElseThrow())).isTrue();
		assertThat(portal.definition()).contains("${env:PORTAL_SECRET}").doesNotContain(PORTAL_SECRET);
		assertThat(this.store.find("city", "spa").orElseThrow().secretHash()).isEmpty();
	}

	@Test
	void reApplyingTheSameFilesChangesNothing() {
		this.applier.apply(List.of(realm(REALM)), true);
		List<StoredClient> before = this.store.all();

		ClientFileApplier.Report again = this.applier.apply(List.of(realm(REALM)), true);

		assertThat(again.created()).isEmpty();
		assertThat(again.updated()).isEmpty();
		assertThat(again.unchanged()).containsExactly("city/portal", "city/spa", "city/demo-only");
		assertThat(this.store.all()).isEqualTo(before);
	}

	@Test
	void aChangedFileUpdatesOnlyTheClientItChanged() {
		this.applier.apply(List.of(realm(REALM)), true);

		ClientFileApplier.Report report = this.applier.apply(
				List.of(realm(REALM.replace("[https://portal.example/cb]", "[https://portal.example/cb2]"))), true);

		assertThat(report.updated()).containsExactly("city/portal");
		StoredClient portal = this.store.find("city", "portal").orElseThrow();
		assertThat(portal.version()).isEqualTo(2);
		assertThat(portal.definition()).contains("https://portal.example/cb2");
		assertThat(this.store.find("city", "spa").orElseThrow().version()).isEqualTo(1);
	}

	@Test
	void aNewSecretInTheEnvironmentUpdatesTheHash() {
		this.applier.apply(List.of(realm(REALM)), true);
		this.environment.put("PORTAL_SECRET", "another-portal-secret-0123456789-0123456789");

		assertThat(this.applier.apply(List.of(realm(REALM)), true).updated()).containsExactly("city/portal");
		StoredClient portal = this.store.find("city", "portal").orElseThrow();
		assertThat(this.hasher.matches(PORTAL_SECRET, portal.secretHash().orElseThrow())).isFalse();
		assertThat(this.hasher.matches("another-portal-secret-0123456789-0123456789", portal.secretHash().get()))
			.isTrue();
	}

	@Test
	void aNodeWithoutTheSecretVariableKeepsTheStoredSecret() {
		this.applier.apply(List.of(realm(REALM)), true);
		this.environment.remove("PORTAL_SECRET");

		assertThat(this.applier.apply(List.of(realm(REALM)), true).updated()).isEmpty();
		assertThat(this.hasher.matches(PORTAL_SECRET,
				this.store.find("city", "portal").orElseThrow().secretHash().orElseThrow())).isTrue();
	}

	@Test
	void refusesASecretTooShortToBeSafe() {
		this.environment.put("PORTAL_SECRET", "xyz123");
		assertThatThrownBy(() -> this.applier.apply(List.of(realm(REALM)), true))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("PORTAL_SECRET is too short")
			.hasMessageNotContaining("xyz123");
	}

	@Test
	void aClientMissingFromTheFileIsKept() {
		this.applier.apply(List.of(realm(REALM)), true);
		String withoutSpa = REALM.substring(0, REALM.indexOf("  - clientId: spa"));

		ClientFileApplier.Report report = this.applier.apply(List.of(realm(withoutSpa)), true);

		assertThat(report.deleted()).isEmpty();
		assertThat(this.store.find("city", "spa")).isPresent();
	}

	@Test
	void aClientIsDeletedWhenItsFileSaysSo() {
		this.applier.apply(List.of(realm(REALM)), true);
		String removingSpa = REALM.substring(0, REALM.indexOf("  - clientId: spa")) + "removedClients: [spa, never-existed]\n";

		ClientFileApplier.Report report = this.applier.apply(List.of(realm(removingSpa)), true);

		assertThat(report.deleted()).containsExactly("city/spa");
		assertThat(this.store.find("city", "spa")).isEmpty();
		assertThat(this.store.find("city", "portal")).isPresent();
	}

	@Test
	void aClientMadeThroughTheApiIsNotDeletedByAFile() {
		Instant now = this.clock.instant();
		this.store.insert(new StoredClient("city", "mine", "{}", true, Optional.empty(), ManagedBy.API, 1, now, now));

		this.applier.apply(List.of(realm(REALM + "removedClients: [mine]\n")), true);

		assertThat(this.store.find("city", "mine")).isPresent();
	}

	@Test
	void aFileThatDeclaresAClientMadeThroughTheApiTakesItOver() {
		Instant now = this.clock.instant();
		this.store.insert(new StoredClient("city", "spa", "{}", false, Optional.empty(), ManagedBy.API, 4, now, now));

		ClientFileApplier.Report report = this.applier.apply(List.of(realm(REALM)), true);

		assertThat(report.updated()).containsExactly("city/spa");
		StoredClient spa = this.store.find("city", "spa").orElseThrow();
		assertThat(spa.managedBy()).isEqualTo(ManagedBy.CONFIG);
		assertThat(spa.version()).isEqualTo(5);
		assertThat(spa.enabled()).isTrue();
	}

	@Test
	void theCatalogDropsADeletedClientAndSkipsAnUnreadableOne() {
		Realm realm = realm(REALM);
		this.applier.apply(List.of(realm), true);
		RealmRegistry registry = new RealmRegistry(List.of(realm), true);
		ClientCatalog catalog = new ClientCatalog(this.store, registry);
		catalog.refresh();
		assertThat(catalog.find("city", "demo-only")).isPresent();
		Instant now = this.clock.instant();
		this.store.insert(new StoredClient("city", "broken", "{\"clientId\": \"broken\"}", true, Optional.empty(),
				ManagedBy.API, 1, now, now));

		this.store.delete(this.store.find("city", "demo-only").orElseThrow());
		catalog.refresh();

		assertThat(catalog.find("city", "demo-only")).isEmpty();
		assertThat(catalog.find("city", "broken")).as("no type: not served").isEmpty();
		assertThat(catalog.find("city", "portal")).isPresent();
		assertThat(registry.find("city").orElseThrow().clients()).extracting((c) -> c.clientId())
			.containsExactlyInAnyOrder("portal", "spa");
	}

	@Test
	void demoClientsAreDeletedWhenTheDemoIsOff() {
		this.applier.apply(List.of(realm(REALM)), true);

		ClientFileApplier.Report report = this.applier.apply(List.of(realm(REALM)), false);

		assertThat(report.deleted()).containsExactly("city/demo-only");
		assertThat(this.store.find("city", "demo-only")).isEmpty();
	}

	@Test
	void writesAreConditionalOnTheVersionRead() {
		this.applier.apply(List.of(realm(REALM)), true);
		StoredClient read = this.store.find("city", "spa").orElseThrow();
		StoredClient first = read.changed(read.definition(), false, Optional.empty(), ManagedBy.CONFIG,
				this.clock.instant());
		StoredClient second = read.changed(read.definition(), true, Optional.empty(), ManagedBy.CONFIG,
				this.clock.instant());

		assertThat(this.store.update(first)).isTrue();
		assertThat(this.store.update(second)).isFalse();
		assertThat(this.store.delete(read)).isFalse();
		assertThat(this.store.insert(read)).isFalse();
		assertThat(this.store.find("city", "spa").orElseThrow().enabled()).isFalse();
	}

	@Test
	void nodesStartingTogetherConvergeWithoutErrors() throws Exception {
		Realm realm = realm(REALM);
		ExecutorService nodes = Executors.newFixedThreadPool(4);
		try {
			List<Callable<ClientFileApplier.Report>> starts = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				starts.add(() -> this.applier.apply(List.of(realm), true));
			}
			List<ClientFileApplier.Report> reports = new ArrayList<>();
			for (Future<ClientFileApplier.Report> start : nodes.invokeAll(starts)) {
				reports.add(start.get());
			}
			assertThat(reports.stream().mapToInt((r) -> r.created().size()).sum()).isEqualTo(3);
			assertThat(reports.stream().mapToInt((r) -> r.updated().size()).sum()).isZero();
		}
		finally {
			nodes.shutdown();
		}
		assertThat(this.store.all()).extracting(StoredClient::version).containsOnly(1L);
	}

	@Test
	void theCatalogServesTheStoreAndSeesChangesAtItsNextRefresh() {
		Realm realm = realm(REALM);
		this.applier.apply(List.of(realm), false);
		RealmRegistry registry = new RealmRegistry(List.of(realm), false);
		ClientCatalog catalog = new ClientCatalog(this.store, registry);
		catalog.refresh();
		ClientCatalog.Snapshot first = catalog.snapshot();

		assertThat(catalog.find("city", "portal").orElseThrow().registration().scopes())
			.containsExactlyInAnyOrder("openid", "profile", "email");
		assertThat(catalog.find("city", "spa").orElseThrow().registration().tokens().accessTokenLifetime())
			.hasMinutes(10);
		assertThat(catalog.find("city", "spa").orElseThrow().registration().grantTypes())
			.contains(GrantType.AUTHORIZATION_CODE);
		catalog.refresh();
		assertThat(catalog.snapshot()).as("unchanged store, same snapshot").isSameAs(first);

		StoredClient spa = this.store.find("city", "spa").orElseThrow();
		this.store.update(spa.changed(spa.definition(), false, Optional.empty(), ManagedBy.CONFIG,
				this.clock.instant()));
		assertThat(registry.find("city").orElseThrow().client("spa")).isPresent();
		catalog.refresh();
		assertThat(catalog.find("city", "spa").orElseThrow().enabled()).isFalse();
		assertThat(registry.find("city").orElseThrow().client("spa")).as("disabled: not in the realm").isEmpty();
		assertThat(registry.find("city").orElseThrow().client("portal")).isPresent();
	}

	private static Realm realm(String yaml) {
		return new RealmFileParser().parse("city.yaml", new StringReader(yaml));
	}

}
