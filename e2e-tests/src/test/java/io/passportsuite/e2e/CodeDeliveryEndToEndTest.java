package io.passportsuite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.passportsuite.common.testing.ServiceProbe;
import io.passportsuite.common.testing.TestPostgres;
import jakarta.mail.internet.MimeMessage;

/**
 * A login code requested while Kafka is away still reaches the user's inbox once Kafka is back:
 * passport keeps the message request in its outbox, relays it when the broker appears, and
 * notification-service delivers it over real SMTP. Passport and notification-service run from
 * their packaged jars, Kafka is the local run's broker (started late, on the port passport was
 * told), the SMTP server is GreenMail in this JVM.
 */
class CodeDeliveryEndToEndTest {

    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    private SuiteProcess passport;
    private SuiteProcess notification;
    private LocalKafka broker;
    private GreenMail smtp;

    @AfterEach
    void stop() throws java.io.IOException {
        for (AutoCloseable closeable : new AutoCloseable[] {notification, passport}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
        if (broker != null) {
            broker.close();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void shouldDeliverACodeRequestedWhileKafkaWasDownAndLogInWithIt() throws Exception {
        int kafkaPort = LocalKafka.freePortPair();
        int passportPort = freePort();
        int smtpPort = freePort();
        String kafka = "127.0.0.1:" + kafkaPort;
        Map<String, String> environment = Map.of("KAFKA_BOOTSTRAP_SERVERS", kafka, "SUITE_ENVIRONMENT", "test",
                "PASSPORT_KEY_ENCRYPTION_KEY", randomKey(), "SUITE_INTERNAL_CREDENTIAL", "e2e-credential-3Gh7Ls1Np9Qw5Rt2Vx8Yz4Kb6Mc0");

        TestPostgres.Database passportDb = TestPostgres.freshDatabase("e2e_codes_passport");
        passport = SuiteProcess.start("passport-service", environment, List.of(
                "--server.port=" + passportPort, "--eureka.client.enabled=false",
                "--passport.codes.test-mode=false",
                "--spring.datasource.url=" + passportDb.url(),
                "--spring.datasource.username=" + passportDb.username(),
                "--spring.datasource.password=" + passportDb.password()));
        ServiceProbe passportApi = ServiceProbe.onPort(passportPort);
        awaitReady(passportApi, passport);

        // Kafka is not there: the request is accepted, the code waits in passport's outbox.
        ServiceProbe.Response started = passportApi.post("/api/auth/email/start", "{\"email\":\"inbox@example.com\"}");
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        assertThat(started.body()).doesNotContain("code");

        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        broker = LocalKafka.start(kafkaPort);

        TestPostgres.Database notificationDb = TestPostgres.freshDatabase("e2e_codes_notification");
        notification = SuiteProcess.start("notification-service", environment, List.of(
                "--server.port=" + freePort(), "--eureka.client.enabled=false",
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort,
                "--spring.datasource.url=" + notificationDb.url(),
                "--spring.datasource.username=" + notificationDb.username(),
                "--spring.datasource.password=" + notificationDb.password()));

        assertThat(smtp.waitForIncomingEmail(Duration.ofSeconds(120).toMillis(), 1)).as("the code email arrived").isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("inbox@example.com");
        Matcher code = CODE.matcher(GreenMailUtil.getBody(received[0]));
        assertThat(code.find()).as("a six-digit code in the email").isTrue();

        ServiceProbe.Response verified = passportApi.post("/api/auth/email/verify",
                "{\"email\":\"inbox@example.com\",\"code\":\"" + code.group(1) + "\"}");
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("accessToken").asString()).isNotBlank();
        assertThat(verified.json().get("user").get("emailVerified").asBoolean()).isTrue();

        // Nothing is sent twice, even after the relay and the consumer have settled.
        Thread.sleep(2_000);
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    private static void awaitReady(ServiceProbe probe, SuiteProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(process.describe() + " exited");
            }
            try {
                if (probe.get("/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (IllegalStateException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError(process.describe() + " did not become ready");
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
