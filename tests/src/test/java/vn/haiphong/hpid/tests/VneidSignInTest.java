package vn.haiphong.hpid.tests;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationResponse;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlAnchor;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in with VNeID through a real hpid: the VNeID sandbox plays VNeID for the happy
 * paths and the linking rules, WireMock ({@link VneidMock}) for every failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VneidSignInTest {

	static final String PASSWORD = "hoa phượng đỏ trên phố Hải Phòng";

	static final String HAI = "031085001234";

	static final String LAN_LEVEL_1 = "031195004567";

	static final String HUNG = "001078012345";

	static final String MAI = "079301123456";

	static final String HUONG_ENTERPRISE = "031180009876";

	static final String TU = "031042000321";

	static final String KHOA_MINOR = "022212345678";

	HpidServer server;

	OIDCProviderMetadata op;

	@BeforeAll
	void start() throws Exception {
		List<String> args = new ArrayList<>(List.of("--hpid.vneid-sandbox=true"));
		args.addAll(List.of(VneidMock.serverArgs()));
		this.server = HpidServer.start(HpidServer.Database.H2, args.toArray(String[]::new));
		this.op = OIDCProviderMetadata.resolve(new Issuer(this.server.issuer()));
	}

	@AfterAll
	void stop() {
		this.server.close();
	}

	@BeforeEach
	void resetMock() {
		VneidMock.server().resetAll();
	}

	// ----- sign-in and identity resolution -----

	@Test
	void theSignInPageOffersVneidAsItsPrimaryButton() throws Exception {
		try (Browser browser = new Browser()) {
			HtmlPage login = loginPage(browser, new Flow("app-a", "openid"));
			HtmlAnchor vneid = login.getHtmlElementById("upstream-vneid");
			assertThat(vneid.getTextContent()).isEqualTo("Đăng nhập bằng VNeID");
			assertThat(vneid.getAttribute("class")).contains("primary");
			assertThat(login.getForms().get(0).getOneHtmlElementByAttribute("button", "type", "submit")
				.getAttribute("class")).isEqualTo("secondary");
		}
	}

	@Test
	void signingInWithVneidAtAppAGivesAppBTheSameSubWithoutAPrompt() throws Exception {
		try (Browser browser = new Browser()) {
			Flow atA = new Flow("app-a", "openid profile");
			OIDCTokenResponse a = atA.exchange(vneid(browser, atA, HAI, false), appA());
			JWTClaimsSet id = validate(a, atA);
			assertThat(id.getStringClaim("acr")).isEqualTo("urn:hpid:acr:vneid:level2");
			assertThat(id.getStringListClaim("amr")).containsExactly("vneid");
			assertThat(id.getStringClaim("name")).isEqualTo("Nguyễn Văn Hải");
			assertThat(id.getStringClaim("family_name")).isEqualTo("Nguyễn");
			assertThat(id.getStringClaim("middle_name")).isEqualTo("Văn");
			assertThat(id.getStringClaim("given_name")).isEqualTo("Hải");
			assertThat(id.getStringClaim("birthdate")).isEqualTo("1985-03-15");
			assertThat(id.getStringClaim("gender")).isEqualTo("male");
			assertThat(id.getClaims()).doesNotContainKey("national_id");

			Flow atB = new Flow("app-b", "openid profile");
			URI callback = browser.authorize(atB.request(), atB.redirect.toString(), null, null);
			JWTClaimsSet b = validate(atB.exchange(callback, appB()), atB);
			assertThat(b.getSubject()).isEqualTo(id.getSubject());
			assertThat(b.getStringClaim("acr")).isEqualTo("urn:hpid:acr:vneid:level2");
		}
		// Rule 1: the same person every time, in any browser.
		try (Browser another = new Browser()) {
			Flow again = new Flow("app-b", "openid");
			JWTClaimsSet id = validate(again.exchange(vneid(another, again, HAI, false), appB()), again);
			assertThat(id.getSubject()).isEqualTo(subjectOf(HAI));
		}
	}

	@Test
	void aVneidSignInAtAPairwiseClientGivesItsSectorsSubEveryTime() throws Exception {
		ClientAuthentication tourism = new ClientSecretBasic(new ClientID("pw-tourism"),
				new Secret(HpidServer.APP_A_SECRET));
		String pairwise;
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("pw-tourism", "openid profile");
			JWTClaimsSet id = validate(flow.exchange(vneid(browser, flow, HUONG_ENTERPRISE, false), tourism), flow);
			pairwise = id.getSubject();
			assertThat(id.getStringClaim("name")).isNotBlank();
			Flow health = new Flow("pw-health", "openid");
			URI callback = browser.authorize(health.request(), health.redirect.toString(), null, null);
			JWTClaimsSet other = validate(health.exchange(callback, new ClientSecretBasic(new ClientID("pw-health"),
					new Secret(HpidServer.APP_A_SECRET))), health);
			assertThat(other.getSubject()).as("another sector").isNotEqualTo(pairwise);
		}
		// Rule 1 with pairwise clients: the same sub per sector, in any browser.
		try (Browser another = new Browser()) {
			Flow again = new Flow("pw-tourism", "openid");
			assertThat(validate(again.exchange(vneid(another, again, HUONG_ENTERPRISE, false), tourism), again).getSubject())
				.isEqualTo(pairwise)
				.isNotEqualTo(subjectOf(HUONG_ENTERPRISE));
		}
	}

	@Test
	void theNationalPortalFindsThePersonByTheSamePersonalIdNumber() throws Exception {
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("app-a", "openid");
			validate(flow.exchange(vneid(browser, flow, HAI, false), appA()), flow);
		}
		VneidMock.server().stubFor(post(urlPathEqualTo("/dvcqg/oauth2/token"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"access_token\":\"dvcqg-at\",\"token_type\":\"Bearer\"}")));
		VneidMock.server().stubFor(get(urlPathEqualTo("/dvcqg/oauth2/userinfo"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"sub\":\"portal-opaque-1\",\"LoaiTaiKhoan\":\"1\",\"SoDinhDanh\":\"" + HAI
						+ "\",\"HoVaTen\":\"Nguyễn Văn Hải\",\"NgayThangNamSinh\":\"19850315\",\"loAs\":\"LoA1\"}")));
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("app-b", "openid profile");
			String state = startAt(browser, flow, "dvcqg-mock");
			Page page = browser.open(callbackUri("dvcqg-mock", "code=portal-code&state=" + state));
			for (int step = 0; step < 4 && !page.getWebResponse().getResponseHeaderValue("Location")
				.startsWith(flow.redirect.toString()); step++) {
				page = browser.open(page.getWebResponse().getResponseHeaderValue("Location"));
			}
			JWTClaimsSet id = validate(flow.exchange(URI.create(page.getWebResponse()
				.getResponseHeaderValue("Location")), appB()), flow);
			assertThat(id.getSubject()).isEqualTo(subjectOf(HAI));
			assertThat(id.getStringClaim("acr")).as("the portal proves level 1 only").isEqualTo(
					"urn:hpid:acr:vneid:level1");
			assertThat(id.getStringListClaim("amr")).containsExactly("dvcqg-mock");
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void theNationalIdNumberGoesOnlyToAClientGrantedTheScope() throws Exception {
		try (Browser browser = new Browser()) {
			Flow records = new Flow("records-app", "openid profile national_id verified_claims");
			OIDCTokenResponse tokens = records.exchange(vneid(browser, records, HUNG, false),
					new ClientSecretBasic(new ClientID("records-app"), new Secret(HpidServer.APP_A_SECRET)));
			JWTClaimsSet id = validate(tokens, records);
			assertThat(id.getStringClaim("national_id")).isEqualTo(HUNG);
			// OpenID Connect for Identity Assurance 1.0
			Map<String, Object> verified = id.getJSONObjectClaim("verified_claims");
			assertThat((Map<String, Object>) verified.get("verification"))
				.containsEntry("trust_framework", "vn_decree_69_2024").containsEntry("assurance_level", "level2");
			assertThat((Map<String, Object>) verified.get("claims")).containsEntry("family_name", "Lê")
				.containsEntry("birthdate", "1978-02-03").containsEntry("national_id", HUNG);
			UserInfo info = userInfo(tokens);
			assertThat(info.getStringClaim("national_id")).isEqualTo(HUNG);
			assertThat(info.getGivenName()).isEqualTo("Hùng");

			Flow appA = new Flow("app-a", "openid national_id");
			Page refused = browser.open(appA.request());
			assertThat(refused.getWebResponse().getResponseHeaderValue("Location")).contains("error=invalid_scope");
		}
	}

	@Test
	void aPersonActingForAnEnterpriseBringsItsTaxCodeAndName() throws Exception {
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("app-a", "openid profile");
			JWTClaimsSet id = validate(flow.exchange(vneid(browser, flow, HUONG_ENTERPRISE, false), appA()), flow);
			assertThat(id.getStringClaim("enterprise_tax_code")).isEqualTo("0201234567");
			assertThat(id.getStringClaim("enterprise_name")).isEqualTo("Công ty TNHH Cảng Xanh Hải Phòng");
		}
	}

	@Test
	void aLocalAccountLinkedToVneidByItsOwnerKeepsItsSub() throws Exception {
		String email = unique() + "@example.vn";
		String localSub;
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("app-a", "openid");
			URI callback = register(browser, flow, email);
			JWTClaimsSet local = validate(flow.exchange(callback, appA()), flow);
			localSub = local.getSubject();
			assertThat(local.getStringClaim("acr")).isEqualTo("urn:hpid:acr:local");
			// As if the account had been imported with the number its legacy record held.
			this.server.jdbc()
				.sql("insert into unverified_personal_id (realm, person_id, personal_id, source, recorded_at) "
						+ "values ('haiphong', ?, ?, 'import', current_timestamp)")
				.params(localSub, MAI)
				.update();

			// An app that needs level 2: the local session is not enough (step-up), and its owner links it.
			Flow level2 = new Flow("level2-app", "openid profile");
			HtmlPage stepUp = (HtmlPage) browser.open(browser.open(level2.request()).getWebResponse()
				.getResponseHeaderValue("Location"));
			assertThat(stepUp.getElementById("level-required")).isNotNull();
			assertThat(stepUp.getElementsByName("password")).as("a password reaches no level").isEmpty();
			assertThat(stepUp.getHtmlElementById("link-form").getTextContent()).contains(email);
			JWTClaimsSet linked = validate(level2.exchange(vneid(browser, level2, MAI, true), level2App()), level2);
			assertThat(linked.getSubject()).isEqualTo(localSub);
			assertThat(linked.getStringClaim("acr")).isEqualTo("urn:hpid:acr:vneid:level2");
			assertThat(linked.getStringClaim("family_name")).isEqualTo("Phạm");
			assertThat(linked.getStringClaim("middle_name")).isEqualTo("Thị Ngọc");
		}
		try (Browser another = new Browser()) {
			Flow flow = new Flow("app-b", "openid");
			assertThat(validate(flow.exchange(vneid(another, flow, MAI, false), appB()), flow).getSubject())
				.isEqualTo(localSub);
		}
		assertThat(auditCount("IDENTITY_LINK", "SUCCESS", localSub)).isEqualTo(1);
		assertThat(this.server.jdbc()
			.sql("select details from audit_event where type = 'IDENTITY_LINK' and actor = ?")
			.param(localSub)
			.query(String.class)
			.single()).as("the legacy claim is confirmed by the link").contains("\"legacyPersonalId\":\"CONFIRMED\"");
		assertThat(this.server.jdbc()
			.sql("select check_result from unverified_personal_id where person_id = ?")
			.param(localSub)
			.query(String.class)
			.single()).isEqualTo("CONFIRMED");
	}

	@Test
	void registeringTheVictimsEmailThenSigningInWithVneidAsTheVictimLinksNothing() throws Exception {
		String victimEmail = "huong-" + unique() + "@canhxanh.example.vn";
		String attackerSub;
		try (Browser attacker = new Browser()) {
			Flow flow = new Flow("app-a", "openid profile email");
			attackerSub = validate(flow.exchange(register(attacker, flow, victimEmail), appA()), flow).getSubject();
		}
		String victimSub;
		try (Browser victim = new Browser()) {
			Flow flow = new Flow("app-a", "openid profile email");
			OIDCTokenResponse tokens = flow.exchange(vneid(victim, flow, TU, false), appA());
			victimSub = validate(tokens, flow).getSubject();
			assertThat(userInfo(tokens).getEmailAddress()).as("nothing came from the attacker's account").isNull();
		}
		assertThat(victimSub).isNotEqualTo(attackerSub);
		// The attacker's account stays a plain, unverified local account.
		try (Browser attacker = new Browser()) {
			Flow flow = new Flow("app-a", "openid profile");
			URI callback = attacker.authorize(flow.request(), flow.redirect.toString(), victimEmail, PASSWORD);
			JWTClaimsSet id = validate(flow.exchange(callback, appA()), flow);
			assertThat(id.getSubject()).isEqualTo(attackerSub);
			assertThat(id.getStringClaim("acr")).isEqualTo("urn:hpid:acr:local");
			assertThat(id.getClaims()).doesNotContainKeys("birthdate", "family_name", "national_id");
		}
	}

	@Test
	void linkingAnIdentityThatBelongsToSomeoneElseIsRefusedAndRecorded() throws Exception {
		String holder;
		try (Browser first = new Browser()) {
			Flow flow = new Flow("app-a", "openid");
			holder = validate(flow.exchange(vneid(first, flow, HUNG, false), appA()), flow).getSubject();
		}
		long conflictsBefore = this.server.jdbc().sql("select count(*) from identity_link_conflict")
			.query(Long.class).single();
		try (Browser other = new Browser()) {
			Flow flow = new Flow("app-a", "openid");
			String otherSub = validate(flow.exchange(register(other, flow, unique() + "@example.vn"), appA()), flow)
				.getSubject();
			Flow level2 = new Flow("level2-app", "openid");
			Page refused = vneidUntilPage(other, level2, HUNG, true);
			assertThat(refused.getWebResponse().getStatusCode()).isEqualTo(409);
			String html = refused.getWebResponse().getContentAsString();
			assertThat(html).contains("Không thể liên kết danh tính").contains("error-reference");
			assertThat(this.server.jdbc().sql("select count(*) from identity_link_conflict where person_id = ?"
					+ " and holder_person_id = ? and status = 'OPEN'").params(otherSub, holder).query(Long.class)
				.single()).isEqualTo(1);
			assertThat(this.server.jdbc().sql("select count(*) from identity_link_conflict").query(Long.class)
				.single()).isEqualTo(conflictsBefore + 1);
			assertThat(auditCount("IDENTITY_LINK", "FAILURE", otherSub)).isEqualTo(1);
		}
		assertThat(subjectOf(HUNG)).isEqualTo(holder);
	}

	@Test
	void unlinkingNeedsThePasswordKeepsTheSubAndANewLinkNeedsANewSignIn() throws Exception {
		String email = unique() + "@example.vn";
		String localSub;
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("app-a", "openid");
			localSub = validate(flow.exchange(register(browser, flow, email), appA()), flow).getSubject();
			// prompt=login shows the sign-in page to a signed-in owner, who links the account.
			Flow relink = new Flow("app-a", "openid profile");
			URI linkRequest = URI.create(relink.request() + "&prompt=login");
			Page linked = vneidUntilPage(browser, linkRequest, relink.redirect.toString(), KHOA_MINOR, true);
			JWTClaimsSet id = validate(relink.exchange(URI.create(linked.getWebResponse()
				.getResponseHeaderValue("Location")), appA()), relink);
			assertThat(id.getSubject()).isEqualTo(localSub);
			assertThat(id.getStringClaim("acr")).isEqualTo("urn:hpid:acr:vneid:level1");

			HtmlPage identity = (HtmlPage) browser.open(this.server.issuer() + "/account/identity");
			assertThat(identity.getHtmlElementById("verified").getTextContent()).contains("022*******78")
				.doesNotContain(KHOA_MINOR);
			HtmlForm unlink = (HtmlForm) identity.getHtmlElementById("unlink-form");
			unlink.getInputByName("password").setValue("không phải mật khẩu này");
			Page wrong = unlink.getOneHtmlElementByAttribute("button", "type", "submit").click();
			assertThat(wrong.getWebResponse().getStatusCode()).isEqualTo(401);
			assertThat(this.server.jdbc().sql("select count(*) from verified_identity where person_id = ?")
				.params(localSub).query(Long.class).single()).isEqualTo(1L);

			HtmlForm again = (HtmlForm) ((HtmlPage) wrong).getHtmlElementById("unlink-form");
			again.getInputByName("password").setValue(PASSWORD);
			HtmlPage done = again.getOneHtmlElementByAttribute("button", "type", "submit").click();
			assertThat(done.getWebResponse().getStatusCode()).isEqualTo(200);
			assertThat(done.getElementById("unlinked")).isNotNull();
			// The session whose level came from the identity is over.
			Page next = browser.open(new Flow("app-a", "openid").request());
			assertThat(next.getWebResponse().getResponseHeaderValue("Location")).contains("/realms/haiphong/login");
		}
		assertThat(auditCount("IDENTITY_UNLINK", "FAILURE", localSub)).isEqualTo(1);
		assertThat(auditCount("IDENTITY_UNLINK", "SUCCESS", localSub)).isEqualTo(1);
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("app-a", "openid profile");
			URI callback = browser.authorize(flow.request(), flow.redirect.toString(), email, PASSWORD);
			JWTClaimsSet id = validate(flow.exchange(callback, appA()), flow);
			assertThat(id.getSubject()).isEqualTo(localSub);
			assertThat(id.getClaims()).doesNotContainKeys("birthdate", "family_name");
		}
		// Nothing remembers the old link: VNeID alone now makes a new person.
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("app-a", "openid");
			assertThat(validate(flow.exchange(vneid(browser, flow, KHOA_MINOR, false), appA()), flow).getSubject())
				.isNotEqualTo(localSub);
		}
	}

	@Test
	void discoveryAdvertisesTheLevelsAndTheNationalIdScope() {
		assertThat(this.op.getACRs()).extracting(Object::toString).containsExactly("urn:hpid:acr:local", "urn:hpid:acr:local-mfa",
				"urn:hpid:acr:vneid:level1", "urn:hpid:acr:vneid:level2");
		assertThat(this.op.getScopes().toStringList()).contains("national_id", "verified_claims");
		assertThat(this.op.supportsVerifiedClaims()).isTrue();
		assertThat(this.op.getIdentityTrustFrameworks()).extracting(Object::toString).containsExactly("vn_decree_69_2024");
		assertThat(this.op.getClaims()).contains("family_name", "middle_name", "given_name", "birthdate", "gender");
	}

	@Test
	void acrValuesAskForALevelAndASessionBelowItStepsUp() throws Exception {
		try (Browser browser = new Browser()) {
			Flow first = new Flow("app-a", "openid");
			String sub = validate(first.exchange(vneid(browser, first, LAN_LEVEL_1, false), appA()), first)
				.getSubject();
			// The level-1 session is enough for an app without requirement...
			Flow plain = new Flow("app-b", "openid");
			assertThat(browser.authorize(plain.request(), plain.redirect.toString(), null, null)).isNotNull();
			// ...but not for a request that asks for level 2: VNeID again, which refuses a level-1 account.
			Flow asking = new Flow("app-b", "openid");
			URI request = URI.create(asking.request() + "&acr_values=urn%3Ahpid%3Aacr%3Avneid%3Alevel2");
			Page page = vneidUntilPage(browser, request, asking.redirect.toString(), LAN_LEVEL_1, false);
			assertFailurePage(page, 403, "LEVEL_TOO_LOW", "Mức độ tài khoản chưa đủ");
			assertThat(sub).isNotBlank();
			// The same with the claims parameter (OpenID Connect Core §5.5.1.1).
			Flow claims = new Flow("app-b", "openid");
			URI byClaims = URI.create(claims.request() + "&claims=" + java.net.URLEncoder.encode(
					"{\"id_token\":{\"acr\":{\"essential\":true,\"values\":[\"urn:hpid:acr:vneid:level2\"]}}}",
					java.nio.charset.StandardCharsets.UTF_8));
			assertFailurePage(vneidUntilPage(browser, byClaims, claims.redirect.toString(), LAN_LEVEL_1, false), 403,
					"LEVEL_TOO_LOW", "Mức độ tài khoản chưa đủ");
		}
	}

	// ----- every failure ends on a page with a reference, and in the audit log -----

	@Test
	void anUpstreamSlowerThanTheTimeoutEndsOnAPage() throws Exception {
		stubToken("down", aResponse().withFixedDelay(3000).withBody(VneidMock.sealed(Map.of("access_token", "t"))));
		assertFailurePage(callbackAfterStart("vneid-down"), 504, "UPSTREAM_TIMEOUT", "không phản hồi");
	}

	@Test
	void anAnswerThatTricklesInEndsOnAPage() throws Exception {
		stubToken("down", aResponse().withChunkedDribbleDelay(20, 3000)
			.withBody(VneidMock.sealed(Map.of("access_token", "t"))));
		assertFailurePage(callbackAfterStart("vneid-down"), 504, "UPSTREAM_TIMEOUT", "không phản hồi");
	}

	@Test
	void aServerErrorEndsOnAPageAndLocalSignInStillWorks() throws Exception {
		stubToken("down", aResponse().withStatus(503));
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("app-a", "openid");
			String state = startAt(browser, flow, "vneid-down");
			Page page = browser.open(callbackUri("vneid-down", "code=abc%2Bdef&state=" + state));
			assertFailurePage(page, 502, "UPSTREAM_ERROR", "không phản hồi");
			// The page leads back to the same sign-in, where the password still works.
			HtmlPage back = (HtmlPage) browser.open(this.server.base()
					+ ((HtmlPage) page).getHtmlElementById("error-back").getAttribute("href"));
			assertThat(back.getElementsByName("password")).isNotEmpty();
		}
	}

	@Test
	void garbageBytesEndOnAPage() throws Exception {
		stubToken("ok", aResponse().withBody(new byte[] { 0, (byte) 0xff, 0x13, 0x37, '{', '"' }));
		assertFailurePage(callbackAfterStart("vneid-mock"), 502, "MALFORMED_RESPONSE", "Không đọc được");
	}

	@Test
	void anEnvelopeSealedToAnotherKeyEndsOnAPage() throws Exception {
		stubToken("ok", aResponse().withBody(
				VneidMock.sealed(Map.of("access_token", "t"), VneidMock.generate().getPublic())));
		assertFailurePage(callbackAfterStart("vneid-mock"), 502, "UNDECRYPTABLE", "Không đọc được");
	}

	@Test
	void aMissingPersonalIdNumberEndsOnAPage() throws Exception {
		stubIdentity(Map.of("fullName", "Không Có Số", "accountLevel", "2"));
		assertFailurePage(callbackAfterStart("vneid-mock"), 502, "MISSING_PERSONAL_ID", "Thiếu số định danh");
	}

	@Test
	void aMalformedPersonalIdNumberEndsOnAPage() throws Exception {
		stubIdentity(Map.of("citizenPid", "03108500123X", "fullName", "Sai Số", "accountLevel", "2"));
		assertFailurePage(callbackAfterStart("vneid-mock"), 502, "INVALID_PERSONAL_ID", "Thiếu số định danh");
	}

	@Test
	void aForgedStateEndsOnAPage() throws Exception {
		try (Browser browser = new Browser()) {
			startAt(browser, new Flow("app-a", "openid"), "vneid-mock");
			Page page = browser.open(callbackUri("vneid-mock", "code=abc&state=forged-" + unique()));
			assertFailurePage(page, 400, "STATE_MISMATCH", "Không thể hoàn tất đăng nhập");
		}
	}

	@Test
	void aReplayedCallbackEndsOnAPage() throws Exception {
		stubIdentity(Map.of("citizenPid", "031099000777", "fullName", "Đinh Văn Lặp", "accountLevel", "2"));
		try (Browser browser = new Browser()) {
			Flow flow = new Flow("app-a", "openid");
			String state = startAt(browser, flow, "vneid-mock");
			String callback = callbackUri("vneid-mock", "code=abc%2Bdef&state=" + state);
			assertThat(browser.open(callback).getWebResponse().getStatusCode()).isEqualTo(302);
			assertFailurePage(browser.open(callback), 400, "STATE_MISMATCH", "Không thể hoàn tất đăng nhập");
		}
	}

	@Test
	void aCallbackInAnotherBrowserEndsOnAPage() throws Exception {
		stubIdentity(Map.of("citizenPid", "031099000888", "fullName", "Người Khác", "accountLevel", "2"));
		String state;
		try (Browser victim = new Browser()) {
			state = startAt(victim, new Flow("app-a", "openid"), "vneid-mock");
		}
		try (Browser attacker = new Browser()) {
			assertFailurePage(attacker.open(callbackUri("vneid-mock", "code=abc&state=" + state)), 400,
					"STATE_MISMATCH", "Không thể hoàn tất đăng nhập");
		}
	}

	@Test
	void anExpiredTransactionEndsOnAPage() throws Exception {
		try (Browser browser = new Browser()) {
			String state = startAt(browser, new Flow("app-a", "openid"), "vneid-down");
			Thread.sleep(2500);
			assertFailurePage(browser.open(callbackUri("vneid-down", "code=abc&state=" + state)), 400,
					"EXPIRED_TRANSACTION", "Phiên đăng nhập đã hết hạn");
		}
	}

	@Test
	void aLevelTooLowForTheClientEndsOnAPage() throws Exception {
		try (Browser browser = new Browser()) {
			Page page = vneidUntilPage(browser, new Flow("level2-app", "openid"), LAN_LEVEL_1, false);
			assertFailurePage(page, 403, "LEVEL_TOO_LOW", "Mức độ tài khoản chưa đủ");
		}
	}

	@Test
	void cancellingAtVneidEndsOnAPage() throws Exception {
		try (Browser browser = new Browser()) {
			Page page = vneidUntilPage(browser, new Flow("app-a", "openid"), "cancel", false);
			assertFailurePage(page, 400, "USER_CANCELLED", "Đăng nhập đã bị huỷ");
		}
	}

	// ----- helpers -----

	/** Signs in with the sandbox as {@code citizen}, from the app's request to its callback. */
	URI vneid(Browser browser, Flow flow, String citizen, boolean link) throws Exception {
		Page page = vneidUntilPage(browser, flow.request(), flow.redirect.toString(), citizen, link);
		String location = page.getWebResponse().getResponseHeaderValue("Location");
		assertThat(location).as(() -> page.getWebResponse().getContentAsString()).startsWith(flow.redirect.toString());
		return URI.create(location);
	}

	Page vneidUntilPage(Browser browser, Flow flow, String citizen, boolean link) throws Exception {
		return vneidUntilPage(browser, flow.request(), flow.redirect.toString(), citizen, link);
	}

	/**
	 * Follows redirects, choosing VNeID on the sign-in page (or the link form) and the
	 * citizen at the sandbox, until the app's callback or any other page.
	 */
	Page vneidUntilPage(Browser browser, URI start, String callbackPrefix, String citizen, boolean link)
			throws Exception {
		Page page = browser.open(start);
		for (int step = 0; step < 12; step++) {
			int status = page.getWebResponse().getStatusCode();
			if (status >= 300 && status < 400) {
				String location = page.getWebResponse().getResponseHeaderValue("Location");
				if (location.startsWith(callbackPrefix)) {
					return page;
				}
				if (location.contains("/oauth/authorize") && !location.contains("citizen=")) {
					location += citizen.equals("cancel") ? "&cancel=1" : "&citizen=" + citizen;
				}
				page = browser.open(location);
				continue;
			}
			if (page instanceof HtmlPage html && html.getElementById("upstream-vneid") != null) {
				if (link) {
					HtmlForm form = (HtmlForm) html.getHtmlElementById("link-form");
					page = form.getOneHtmlElementByAttribute("button", "type", "submit").click();
					link = false;
				}
				else {
					page = browser.open(this.server.base()
							+ html.getHtmlElementById("upstream-vneid").getAttribute("href"));
				}
				continue;
			}
			return page;
		}
		throw new AssertionError("Too many redirects from " + start);
	}

	/** Starts a sign-in at a WireMock upstream and returns the state it would send back. */
	String startAt(Browser browser, Flow flow, String alias) throws Exception {
		HtmlPage login = loginPage(browser, flow);
		String tx = login.getForms().get(0).getInputByName("tx").getValue();
		Page redirect = browser.open(this.server.issuer() + "/broker/" + alias + "/login?tx=" + tx);
		String location = redirect.getWebResponse().getResponseHeaderValue("Location");
		assertThat(location).contains("127.0.0.1:" + VneidMock.port());
		return com.nimbusds.oauth2.sdk.util.URLUtils.parseParameters(URI.create(location).getRawQuery())
			.get("state")
			.get(0);
	}

	/** Starts a sign-in at a WireMock upstream and comes back with a code; the page is read before the browser closes. */
	Page callbackAfterStart(String alias) throws Exception {
		try (Browser browser = new Browser()) {
			String state = startAt(browser, new Flow("app-a", "openid"), alias);
			Page page = browser.open(callbackUri(alias, "code=abc%2Bdef&encrypt_key=k&state=" + state));
			page.getWebResponse().getContentAsString();
			return page;
		}
	}

	String callbackUri(String alias, String query) {
		return this.server.issuer() + "/broker/" + alias + "/endpoint?" + query;
	}

	HtmlPage loginPage(Browser browser, Flow flow) throws Exception {
		Page page = browser.open(flow.request());
		return (HtmlPage) browser.open(page.getWebResponse().getResponseHeaderValue("Location"));
	}

	/** Registers a local account from the sign-in page; returns the app's callback. */
	URI register(Browser browser, Flow flow, String email) throws Exception {
		HtmlPage login = loginPage(browser, flow);
		HtmlPage form = login.getAnchorByHref(login.getAnchors().stream()
			.filter((a) -> a.getHrefAttribute().contains("/register"))
			.findFirst()
			.orElseThrow()
			.getHrefAttribute()).click();
		HtmlForm registration = form.getForms().get(0);
		registration.getInputByName("name").setValue("Người Dùng Thử");
		registration.getInputByName("identifier").setValue(email);
		registration.getInputByName("password").setValue(PASSWORD);
		registration.getInputByName("confirm").setValue(PASSWORD);
		Page page = registration.getOneHtmlElementByAttribute("button", "type", "submit").click();
		for (int step = 0; step < 5; step++) {
			String location = page.getWebResponse().getResponseHeaderValue("Location");
			assertThat(location).as(page.getWebResponse().getContentAsString()).isNotNull();
			if (location.startsWith(flow.redirect.toString())) {
				return URI.create(location);
			}
			page = browser.open(location);
		}
		throw new AssertionError("registration did not return to the app");
	}

	void assertFailurePage(Page page, int status, String kind, String title) {
		assertThat(page.getWebResponse().getStatusCode()).as(page.getWebResponse().getContentAsString())
			.isEqualTo(status);
		String html = page.getWebResponse().getContentAsString();
		assertThat(html).contains(title).doesNotContain("Exception").doesNotContain("at vn.");
		String reference = ((HtmlPage) page).getHtmlElementById("error-reference").getTextContent();
		List<String> details = this.server.jdbc()
			.sql("select details from audit_event where realm = 'haiphong' and type = 'LOGIN' and outcome = 'FAILURE'")
			.query(String.class)
			.list();
		assertThat(details).as("an audit event with the page's reference")
			.anyMatch((d) -> d.contains("\"reference\":\"" + reference + "\"") && d.contains("\"kind\":\"" + kind + "\""));
	}

	void stubToken(String prefix, com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder answer) {
		VneidMock.server().stubFor(post(urlPathEqualTo("/" + prefix + "/oauth/token")).willReturn(answer));
	}

	void stubIdentity(Map<String, ?> claims) {
		stubToken("ok", aResponse().withBody(VneidMock.sealed(Map.of("access_token", "at-" + unique()))));
		VneidMock.server().stubFor(get(urlPathEqualTo("/ok/oauth/userinfo"))
			.willReturn(aResponse().withBody(VneidMock.sealed(claims))));
	}

	long auditCount(String type, String outcome, String actor) {
		return this.server.jdbc()
			.sql("select count(*) from audit_event where type = ? and outcome = ? and actor = ?")
			.params(type, outcome, actor)
			.query(Long.class)
			.single();
	}

	String subjectOf(String personalId) {
		return this.server.jdbc()
			.sql("select person_id from verified_identity where realm = 'haiphong' and personal_id = ?")
			.params(personalId)
			.query(String.class)
			.single();
	}

	JWTClaimsSet validate(OIDCTokenResponse tokens, Flow flow) throws Exception {
		return new IDTokenValidator(this.op.getIssuer(), flow.client, JWSAlgorithm.RS256,
				this.op.getJWKSetURI().toURL())
			.validate(tokens.getOIDCTokens().getIDToken(), flow.nonce)
			.toJWTClaimsSet();
	}

	UserInfo userInfo(OIDCTokenResponse tokens) throws Exception {
		UserInfoResponse response = UserInfoResponse.parse(new UserInfoRequest(this.op.getUserInfoEndpointURI(),
				(BearerAccessToken) tokens.getOIDCTokens().getAccessToken())
			.toHTTPRequest()
			.send());
		assertThat(response.indicatesSuccess()).isTrue();
		return response.toSuccessResponse().getUserInfo();
	}

	static ClientAuthentication appA() {
		return new ClientSecretBasic(new ClientID("app-a"), new Secret(HpidServer.APP_A_SECRET));
	}

	static ClientAuthentication appB() {
		return new ClientSecretPost(new ClientID("app-b"), new Secret(HpidServer.APP_B_SECRET));
	}

	static ClientAuthentication level2App() {
		return new ClientSecretBasic(new ClientID("level2-app"), new Secret(HpidServer.APP_A_SECRET));
	}

	static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

	/** One authorization request with its PKCE verifier, state and nonce. */
	final class Flow {

		final ClientID client;

		final URI redirect;

		final Scope scope;

		final CodeVerifier verifier = new CodeVerifier();

		final State state = new State();

		final Nonce nonce = new Nonce();

		Flow(String clientId, String scope) {
			this.client = new ClientID(clientId);
			this.redirect = URI.create("http://localhost/" + clientId + "/callback");
			this.scope = Scope.parse(scope);
		}

		URI request() {
			return new AuthenticationRequest.Builder(new ResponseType("code"), this.scope, this.client, this.redirect)
				.endpointURI(VneidSignInTest.this.op.getAuthorizationEndpointURI())
				.state(this.state)
				.nonce(this.nonce)
				.codeChallenge(this.verifier, CodeChallengeMethod.S256)
				.build()
				.toURI();
		}

		OIDCTokenResponse exchange(URI callback, ClientAuthentication auth) throws Exception {
			AuthorizationResponse response = AuthorizationResponse.parse(callback);
			assertThat(response.indicatesSuccess()).as(callback.toString()).isTrue();
			assertThat(response.getState()).isEqualTo(this.state);
			AuthorizationCodeGrant grant = new AuthorizationCodeGrant(
					response.toSuccessResponse().getAuthorizationCode(), this.redirect, this.verifier);
			TokenResponse tokens = OIDCTokenResponseParser
				.parse(new TokenRequest(VneidSignInTest.this.op.getTokenEndpointURI(), auth, grant).toHTTPRequest()
					.send());
			assertThat(tokens.indicatesSuccess()).as(() -> tokens.toErrorResponse().getErrorObject().toString())
				.isTrue();
			return (OIDCTokenResponse) tokens.toSuccessResponse();
		}

	}

}
