package io.passportsuite.notification.channel;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import tools.jackson.databind.json.JsonMapper;

/**
 * Sends each message as one HTTP request built from {@link SmsSettings.Http}: fits the many SMS
 * gateways that take {@code {to, text}} in some shape. Any status outside 2xx is a failure.
 */
class HttpSmsProvider implements SmsProvider {

    static final String NAME = "http";

    private final SmsSettings.Http settings;
    private final HttpClient client;
    private final JsonMapper json;

    HttpSmsProvider(SmsSettings.Http settings, JsonMapper json) {
        if (settings.url() == null || settings.url().isBlank()) {
            throw new IllegalStateException("passport.notification.sms.provider=http needs passport.notification.sms.http.url");
        }
        this.settings = settings;
        this.json = json;
        this.client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void send(String phoneNumber, String text) {
        String body = settings.bodyTemplate().replace("{{to}}", escape(phoneNumber)).replace("{{text}}", escape(text));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.url()))
                .timeout(settings.timeout())
                .method(settings.method().toUpperCase(Locale.ROOT), HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        settings.headers().forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SendFailed("SMS provider unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SendFailed("Interrupted while sending an SMS", e);
        }
        if (response.statusCode() / 100 != 2) {
            // The body is left out: some providers echo the message, and with it the code.
            throw new SendFailed("SMS provider answered HTTP " + response.statusCode());
        }
    }

    private String escape(String value) {
        String contentType = settings.headers().entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Content-Type"))
                .map(header -> header.getValue().toLowerCase(Locale.ROOT))
                .findFirst().orElse("");
        if (contentType.contains("json")) {
            String quoted = json.writeValueAsString(value);
            return quoted.substring(1, quoted.length() - 1);
        }
        if (contentType.contains("x-www-form-urlencoded")) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
        return value;
    }
}
