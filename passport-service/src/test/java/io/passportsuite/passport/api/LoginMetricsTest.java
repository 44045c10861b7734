package io.passportsuite.passport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.DefaultApp;
import io.passportsuite.passport.app.PasswordPolicy;

/**
 * The meters operators alert on (deploy/monitoring), moved by the real requests: logins on every
 * surface, refresh token reuse, code throttling, the hashing queue; and their names as Prometheus
 * scrapes them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class LoginMetricsTest {

    @LocalServerPort
    private int port;

    @Autowired
    private MeterRegistry meters;

    @Autowired
    private AppAdministration administration;

    @Autowired
    private DefaultApp defaultApp;

    private Http http;

    @BeforeEach
    void setUp() {
        http = new Http(port);
    }

    @Test
    void shouldCountCanonicalLoginsByAppAndOutcome() {
        Apps.TestApp app = Apps.create(administration, new PasswordPolicy(6, 100, false));
        assertThat(http.post("/auth/v1/register", """
                {"nickname":"Metrics","password":"secret","contact_type":"email","contact":"metrics@example.com","app_id":"%s"}
                """.formatted(app.appId()), "Authorization", app.authorization()).status()).isEqualTo(201);

        assertThat(canonicalLogin(app, "secret").status()).isEqualTo(200);
        assertThat(canonicalLogin(app, "wrong-one").status()).isEqualTo(401);
        assertThat(canonicalLogin(app, "wrong-two").status()).isEqualTo(401);

        assertThat(logins("canonical", app.appId(), "success")).isEqualTo(1);
        assertThat(logins("canonical", app.appId(), "failure")).isEqualTo(2);
    }

    @Test
    void shouldCountEnvelopeChatEmailCodeAndGithubLoginsUnderTheDefaultApp() {
        String app = defaultApp.id();
        double envelopeFailures = logins("envelope", app, "failure");
        double chatSuccesses = logins("chat", app, "success");
        double codeFailures = logins("chat_email_code", app, "failure");
        double githubFailures = logins("github", app, "failure");
        registerOnChat("counted@example.com");

        assertThat(http.post("/auth/login", "{\"identifier\":\"counted@example.com\",\"password\":\"nope-nope1\"}").status())
                .isEqualTo(401);
        assertThat(http.post("/api/auth/login", "{\"email\":\"counted@example.com\",\"password\":\"secure-password1\"}").status())
                .isEqualTo(200);
        assertThat(http.post("/api/auth/email/verify", "{\"email\":\"counted@example.com\",\"code\":\"000000\"}").status())
                .isBetween(400, 499);
        assertThat(http.post("/auth/github", "{}").status()).isBetween(400, 499);

        assertThat(logins("envelope", app, "failure")).isEqualTo(envelopeFailures + 1);
        assertThat(logins("chat", app, "success")).isEqualTo(chatSuccesses + 1);
        assertThat(logins("chat_email_code", app, "failure")).isEqualTo(codeFailures + 1);
        assertThat(logins("github", app, "failure")).isEqualTo(githubFailures + 1);
        // Every password login took a turn on the hashing queue and was timed there.
        assertThat(meters.get("passport.password.hashing").timer().count()).isPositive();
    }

    @Test
    void shouldCountARefreshTokenReuse() {
        double before = count("passport.refresh.reuse", "app", defaultApp.id());
        String first = registerOnChat("reused@example.com").split("\\|")[1];
        assertThat(refresh(first).status()).isEqualTo(200);
        assertThat(refresh(first).status()).isEqualTo(200); // within the grace window: a lost answer retried

        String second = refresh(first).text("refreshToken");
        assertThat(refresh(second).status()).isEqualTo(200);
        assertThat(refresh(first).status()).isEqualTo(401);

        assertThat(count("passport.refresh.reuse", "app", defaultApp.id())).isEqualTo(before + 1);
    }

    @Test
    void shouldCountACodeRefusedByTheResendCooldown() {
        double before = count("passport.rate.limit.refusals", "rule", "code-resend-cooldown");
        String body = "{\"email\":\"cooldown@example.com\"}";

        assertThat(http.post("/api/auth/email/start", body).status()).isEqualTo(200);
        assertThat(http.post("/api/auth/email/start", body).status()).isEqualTo(429);

        assertThat(count("passport.rate.limit.refusals", "rule", "code-resend-cooldown")).isEqualTo(before + 1);
    }

    /** The names deploy/monitoring's alerts and dashboard use, exactly as Prometheus reads them. */
    @Test
    void shouldExposeTheMetersUnderTheNamesTheAlertsUse() {
        registerOnChat("scraped@example.com");
        assertThat(http.post("/api/auth/login", "{\"email\":\"scraped@example.com\",\"password\":\"secure-password1\"}").status())
                .isEqualTo(200);

        Http.Response scraped = http.get("/actuator/prometheus");

        assertThat(scraped.status()).isEqualTo(200);
        assertThat(scraped.body())
                .contains("passport_logins_total{app=\"" + defaultApp.id() + "\",application=\"passport-service\",outcome=\"success\",surface=\"chat\"}")
                .contains("passport_password_hashing_seconds_count{")
                .contains("passport_password_hashing_running{")
                .contains("passport_password_hashing_waiting{")
                .contains("passport_password_hashing_slots{")
                .contains("passport_password_hashing_waiting_limit{")
                .contains("passport_password_hashing_refusals_total{")
                .contains("outbox_pending{")
                .contains("outbox_oldest_age_seconds{")
                .contains("kafka_consumer_fetch_manager_records_lag_max{");
    }

    private Http.Response canonicalLogin(Apps.TestApp app, String password) {
        return http.post("/auth/v1/login", """
                {"contact_type":"email","contact":"metrics@example.com","password":"%s","app_id":"%s"}
                """.formatted(password, app.appId()), "Authorization", app.authorization());
    }

    /** @return access token and refresh token, joined by a bar */
    private String registerOnChat(String email) {
        Http.Response response = http.post("/api/auth/register", """
                {"email":"%s","password":"secure-password1","displayName":"Metrics","inviteCode":"INVITE-42"}
                """.formatted(email));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.text("accessToken") + "|" + response.text("refreshToken");
    }

    private Http.Response refresh(String refreshToken) {
        return http.post("/api/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
    }

    private double logins(String surface, String app, String outcome) {
        return count("passport.logins", "surface", surface, "app", app, "outcome", outcome);
    }

    private double count(String name, String... tags) {
        return Optional.ofNullable(meters.find(name).tags(tags).counter()).map(Counter::count).orElse(0.0);
    }
}
