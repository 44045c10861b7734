package io.passportsuite.passport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.common.web.Surface;
import io.passportsuite.passport.api.Apps;
import io.passportsuite.passport.api.Http;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.PasswordPolicy;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every endpoint the service maps (read from Spring MVC's own mappings, so a new endpoint is swept
 * without touching this test) gets NUL characters and unpaired surrogates in each string of its
 * body, in its path variables and in a query parameter, and must answer 4xx in its surface's
 * error format, never 5xx: PostgreSQL refuses NUL in text, so such text must never reach it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "passport.internal.credential=" + UnstorableTextSweepTest.CREDENTIAL)
@RealInfrastructure
class UnstorableTextSweepTest {

    static final String CREDENTIAL = "sweep-internal-credential-0123456789";

    /** JSON escapes, written into the body text as they are: a JSON writer would refuse or mangle them. */
    private static final List<String> BAD_JSON_STRINGS = List.of("\\u0000", "a\\u0000b", "\\ud800", "x\\udc00", "\\ud800\\ud800");
    private static final List<String> BAD_URL_VALUES = List.of("%00", "a%00b", "%ED%A0%80", "%ED%B0%80");
    private static final String PLACEHOLDER = "__unstorable__";
    private static final JsonMapper json = new JsonMapper();

    @LocalServerPort
    private int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Autowired
    private AppAdministration administration;

    private Http http;
    private Apps.TestApp app;
    private String userToken;
    private String refreshToken;
    private String userId;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        app = Apps.create(administration, new PasswordPolicy(6, 100, false));
        Http.Response registered = http.post("/api/auth/register", """
                {"email":"sweeper@example.com","password":"secure-password1","displayName":"Sweeper"}
                """);
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        userToken = registered.text("accessToken");
        refreshToken = registered.text("refreshToken");
        userId = registered.json().get("user").get("id").asString();
    }

    /** What a well-formed body of any endpoint could carry: one bad value at a time goes into it. */
    private ObjectNode baseBody() {
        ObjectNode body = json.createObjectNode();
        for (String field : List.of("identifier", "email", "contact", "username")) {
            body.put(field, "sweeper@example.com");
        }
        for (String field : List.of("password", "old_password", "new_password")) {
            body.put(field, "secure-password1");
        }
        for (String field : List.of("code", "captcha", "verification_code", "email_verification_code")) {
            body.put(field, "123456");
        }
        body.put("contact_type", "email");
        body.put("app_id", app.appId());
        body.put("token", userToken);
        body.put("refresh_token", refreshToken);
        body.put("refreshToken", refreshToken);
        body.put("userId", userId);
        body.put("nickname", "nick");
        body.put("displayName", "nick");
        body.put("name", "nick");
        body.put("label", "label");
        body.put("signature", "hello");
        body.put("avatar", "https://cdn.example.com/a.png");
        body.put("avatarUrl", "https://cdn.example.com/a.png");
        body.put("phone", "+8613800138000");
        body.put("inviteCode", "INVITE-42");
        body.put("scene", "captcha_login");
        body.put("reason", "sweep");
        body.putArray("login_methods").add("password");
        return body;
    }

    /** {@code label} says where the bad value is, so that a failure reads in one line. */
    record BadBody(String label, String json) {
    }

    private List<BadBody> bodiesWithOneBadString() {
        ObjectNode base = baseBody();
        Map<String, String> templates = new LinkedHashMap<>();
        for (String field : base.propertyNames()) {
            ObjectNode body = base.deepCopy();
            if (base.get(field).isArray()) {
                body.putArray(field).add(PLACEHOLDER);
            } else {
                body.put(field, PLACEHOLDER);
            }
            templates.put(field, json.writeValueAsString(body));
        }
        ObjectNode unknownField = base.deepCopy();
        unknownField.put("not_a_field_of_any_endpoint", PLACEHOLDER);
        templates.put("not_a_field_of_any_endpoint", json.writeValueAsString(unknownField));
        ObjectNode badName = base.deepCopy();
        badName.put(PLACEHOLDER, "value");
        templates.put("(a field name)", json.writeValueAsString(badName));
        List<BadBody> bodies = new ArrayList<>();
        templates.forEach((field, template) -> {
            for (String bad : BAD_JSON_STRINGS) {
                bodies.add(new BadBody(field + "=\"" + bad + "\"", template.replace(PLACEHOLDER, bad)));
            }
        });
        return bodies;
    }

    /** {@code readsBody}: the handler binds a request body; a body sent elsewhere is never read. */
    record Endpoint(String method, String pattern, boolean readsBody) {
    }

    private Set<Endpoint> endpoints() {
        Set<Endpoint> endpoints = new TreeSet<>(Comparator.comparing(Endpoint::pattern).thenComparing(Endpoint::method));
        mappings.getHandlerMethods().forEach((info, handler) -> {
            boolean readsBody = Arrays.stream(handler.getMethodParameters())
                    .anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (Surface.of(pattern) == Surface.OTHER) {
                    continue;
                }
                if (methods.isEmpty()) {
                    endpoints.add(new Endpoint("GET", pattern, readsBody));
                    endpoints.add(new Endpoint("POST", pattern, readsBody));
                }
                methods.forEach(method -> endpoints.add(new Endpoint(method.name(), pattern, readsBody)));
            }
        });
        return endpoints;
    }

    @Test
    void shouldRejectNulAndUnpairedSurrogatesOnEveryEndpointInItsSurfaceFormat() {
        Set<Endpoint> endpoints = endpoints();
        assertThat(endpoints).extracting(Endpoint::pattern)
                .contains("/auth/login", "/auth/v1/login", "/api/auth/login", "/internal/apps/{appId}", "/auth/v1/users/{userId}");

        List<String> failures = new ArrayList<>();
        int requests = 0;
        for (Endpoint endpoint : endpoints) {
            String path = fill(endpoint.pattern(), Map.of());
            boolean hasBody = endpoint.readsBody();
            if (hasBody) {
                for (BadBody body : bodiesWithOneBadString()) {
                    requests++;
                    check(endpoint, path, body.json(), body.label(), failures, true);
                }
            }
            String validBody = hasBody ? json.writeValueAsString(baseBody()) : null;
            for (String bad : BAD_URL_VALUES) {
                requests++;
                check(endpoint, path + "?identifier=" + bad, validBody, "", failures, true);
                for (String variable : variables(endpoint.pattern())) {
                    requests++;
                    check(endpoint, fill(endpoint.pattern(), Map.of(variable, bad)), validBody, "", failures, false);
                }
            }
        }
        assertThat(requests).isGreaterThan(1000);
        assertThat(failures).as(String.join("\n", failures.subList(0, Math.min(40, failures.size())))).isEmpty();
    }

    private void check(Endpoint endpoint, String path, String body, String label, List<String> failures, boolean mustBe400) {
        Http.Response response = http.send(endpoint.method(), path, body, headers(endpoint.pattern()));
        String what = endpoint.method() + " " + path + (label.isEmpty() ? "" : " body with " + label) + " -> "
                + response.status() + " " + abbreviated(response.body());
        if (response.status() >= 500 || response.status() < 400 || (mustBe400 && response.status() != 400)) {
            failures.add(what);
            return;
        }
        JsonNode answer;
        try {
            answer = response.json();
        } catch (RuntimeException notJson) {
            failures.add("not JSON: " + what);
            return;
        }
        boolean inFormat = Surface.of(endpoint.pattern()).usesEnvelope()
                ? answer.path("success").isBoolean() && !answer.path("success").asBoolean()
                        && answer.path("error_code").isString() && answer.path("message").isString()
                : answer.path("error").isString() && answer.path("message").isString();
        if (!inFormat) {
            failures.add("not in the surface's format: " + what);
        }
    }

    private static String abbreviated(String text) {
        return text == null || text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }

    private String[] headers(String pattern) {
        return switch (Surface.of(pattern)) {
            case CANONICAL -> new String[] {"Authorization", app.authorization()};
            case INTERNAL -> pattern.startsWith("/internal/api-keys")
                    ? new String[] {SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL, "Authorization", app.authorization()}
                    : new String[] {SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL};
            default -> new String[] {"Authorization", Http.bearer(userToken)};
        };
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}/:]+)(:[^}]*)?}");

    private static List<String> variables(String pattern) {
        List<String> names = new ArrayList<>();
        Matcher matcher = VARIABLE.matcher(pattern);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private String fill(String pattern, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : variables(pattern)) {
            values.put(name, overrides.getOrDefault(name, switch (name) {
                case "appId" -> app.appId();
                case "userId", "id" -> userId;
                default -> UUID.randomUUID().toString();
            }));
        }
        Matcher matcher = VARIABLE.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(path, Matcher.quoteReplacement(values.get(matcher.group(1))));
        }
        matcher.appendTail(path);
        return path.toString();
    }
}
