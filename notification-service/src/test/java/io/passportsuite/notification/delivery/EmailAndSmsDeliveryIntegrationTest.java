package io.passportsuite.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import io.passportsuite.common.events.EventEnvelope;
import io.passportsuite.common.events.notification.NotificationRequested;
import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.testing.ServiceProbe;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Requests published on Kafka, delivered to a real SMTP server (GreenMail) and a fake HTTP SMS gateway. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "passport.notification.delivery.poll-interval=100ms",
        "passport.notification.branding.apps.notes.from-address=hello@notes.test",
        "passport.notification.sms.provider=http",
        "passport.notification.sms.http.headers[Content-Type]=application/json",
        "passport.notification.sms.http.headers[Authorization]=Bearer sms-test-key"})
@RealInfrastructure
class EmailAndSmsDeliveryIntegrationTest {

    private static final int SMTP_PORT = freePort();
    private static final BlockingQueue<SmsCall> smsCalls = new LinkedBlockingQueue<>();
    private static final HttpServer smsGateway = startSmsGateway();

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @DynamicPropertySource
    static void channels(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("passport.notification.sms.http.url",
                () -> "http://127.0.0.1:" + smsGateway.getAddress().getPort() + "/sms");
    }

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Autowired
    private JsonMapper json;

    @Autowired
    private JdbcClient jdbc;

    @LocalServerPort
    private int port;

    private NotificationRequests requests;

    @BeforeEach
    void setUp() {
        requests = new NotificationRequests(kafka, json, jdbc);
        smsCalls.clear();
    }

    @Test
    void shouldEmailTheCodeInChineseFromTheApp() throws Exception {
        EventEnvelope request = requests.envelope("notes", NotificationRequested.EMAIL, "li.lei@example.test",
                NotificationRequested.VERIFICATION_CODE, "zh-CN", Map.of("code", "482913", "expiresInMinutes", "10"), "云笔记");

        requests.publish(request);

        MimeMessage mail = awaitMailTo("li.lei@example.test", 1).getFirst();
        assertThat(mail.getSubject()).isEqualTo("【云笔记】验证码");
        assertThat((String) mail.getContent()).contains("482913").contains("10 分钟内有效");
        InternetAddress from = (InternetAddress) mail.getFrom()[0];
        assertThat(from.getPersonal()).isEqualTo("云笔记");
        assertThat(from.getAddress()).isEqualTo("hello@notes.test");
        await().atMost(NotificationRequests.TIMEOUT).untilAsserted(() -> assertThat(requests.row(request.eventId()))
                .contains(new NotificationRequests.Row("sent", "email", 1, null)));
    }

    @Test
    void shouldEmailInEnglishWhenTheLocaleIsNotSupported() throws Exception {
        requests.publish(requests.envelope("chat", NotificationRequested.EMAIL, "pierre@example.test",
                NotificationRequested.PASSWORD_RESET, "fr-FR", Map.of("code", "771204", "expiresInMinutes", "15",
                        "username", "pierre"), "Chat"));

        MimeMessage mail = awaitMailTo("pierre@example.test", 1).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Reset your Chat password");
        assertThat((String) mail.getContent()).contains("Hello pierre,").contains("771204").contains("15 minutes");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo("no-reply@passport-suite.local");
    }

    @Test
    void shouldSendARedeliveredEventOnlyOnce() throws Exception {
        EventEnvelope request = requests.envelope("chat", NotificationRequested.EMAIL, "twice@example.test",
                NotificationRequested.VERIFICATION_CODE, "en", Map.of("code", "111111", "expiresInMinutes", "10"), "Chat");
        requests.publish(request);
        requests.publish(request);
        // Same key, same partition: once this one is delivered, both copies above have been read.
        requests.publish(requests.envelope("chat", NotificationRequested.EMAIL, "twice@example.test",
                NotificationRequested.WELCOME, "en", Map.of("username", "marker"), "Chat"));

        List<MimeMessage> mails = awaitMailTo("twice@example.test", 2);

        assertThat(mails).hasSize(2);
        assertThat(mails.stream().filter(mail -> body(mail).contains("111111"))).hasSize(1);
        assertThat(requests.rowCount(request.eventId())).isEqualTo(1);
    }

    @Test
    void shouldSendAnSmsThroughTheHttpProvider() throws Exception {
        EventEnvelope request = requests.envelope("notes", NotificationRequested.SMS, "+8613800138000",
                NotificationRequested.VERIFICATION_CODE, "zh-CN", Map.of("code", "550132", "expiresInMinutes", "5"),
                "Notes \"Pro\"");

        requests.publish(request);

        SmsCall call = smsCalls.poll(NotificationRequests.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(call).isNotNull();
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.authorization()).isEqualTo("Bearer sms-test-key");
        JsonNode body = json.readTree(call.body());
        assertThat(body.get("to").asString()).isEqualTo("+8613800138000");
        assertThat(body.get("text").asString()).isEqualTo("【Notes \"Pro\"】您的验证码是 550132，5 分钟内有效。");
        await().atMost(NotificationRequests.TIMEOUT).untilAsserted(() -> assertThat(requests.row(request.eventId()))
                .contains(new NotificationRequests.Row("sent", "sms", 1, null)));
    }

    @Test
    void shouldReportBothChannelsAsConfigured() {
        ServiceProbe.Response response = ServiceProbe.onPort(port).get("/internal/channels");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("email").asString()).isEqualTo("smtp");
        assertThat(response.json().get("sms").asString()).isEqualTo("http");
    }

    private static List<MimeMessage> awaitMailTo(String address, int count) {
        await().atMost(NotificationRequests.TIMEOUT).until(() -> mailTo(address).size() >= count);
        return mailTo(address);
    }

    private static List<MimeMessage> mailTo(String address) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter(mail -> {
            try {
                return Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).anyMatch(to -> to.toString().equals(address));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static String body(MimeMessage mail) {
        try {
            return (String) mail.getContent();
        } catch (IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record SmsCall(String method, String authorization, String body) {
    }

    private static HttpServer startSmsGateway() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/sms", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                smsCalls.add(new SmsCall(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Authorization"), body));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> server.stop(0)));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
