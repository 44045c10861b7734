package io.passportsuite.passport.api.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.passportsuite.common.testing.RealInfrastructure;
import io.passportsuite.common.web.SuiteHeaders;
import io.passportsuite.passport.api.Apps;
import io.passportsuite.passport.api.Http;
import io.passportsuite.passport.app.AppAdministration;
import io.passportsuite.passport.app.PasswordPolicy;
import tools.jackson.databind.JsonNode;

/** The users list of the internal API: offsets read from either end, cursors, search, filters and the counted total. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class InternalUserDirectorySearchTest {

    private static final String CREDENTIAL = "test-credential-5mJx8Qw2Lr7Vb4Nc9Zk1Hp6Td3";

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Autowired
    private AppAdministration administration;

    private Http http;
    private Apps.TestApp app;
    private List<String> ids;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        app = Apps.create(administration, PasswordPolicy.DEFAULT);
        ids = new ArrayList<>();
        for (String email : List.of("alice@example.com", "Bob_Smith@example.com", "bobby@example.com", "carol@example.com",
                "dave@example.com", "erin@example.com", "frank@example.com")) {
            ids.add(register(email));
        }
        set("username = 'bob_smith', phone = '+8613800138000', role = 9", ids.get(1));
        set("nickname = 'Bobcat', status = 'disabled', email_verified = TRUE", ids.get(3));
        set("email_verified = TRUE", ids.get(4));
    }

    @Test
    void shouldReadAnyOffsetAsTheSamePagesFromEitherEnd() {
        assertThat(idsOf(list("limit=1000"))).containsExactlyElementsOf(ids);
        for (int offset = 0; offset <= 8; offset++) {
            for (int limit : List.of(1, 2, 3, 5)) {
                JsonNode page = list("limit=" + limit + "&offset=" + offset);
                List<String> expected = ids.subList(Math.min(offset, 7), Math.min(offset + limit, 7));
                assertThat(idsOf(page)).as("offset %d limit %d", offset, limit).containsExactlyElementsOf(expected);
                assertThat(page.get("total").asLong()).isEqualTo(7);
                assertThat(page.get("total_exact").asBoolean()).isTrue();
                assertThat(page.get("next").isNull()).as("next at offset %d limit %d", offset, limit).isEqualTo(offset + limit >= 7);
            }
        }
    }

    @Test
    void shouldWalkEveryUserOnceByCursor() {
        List<String> seen = new ArrayList<>();
        JsonNode page = list("limit=3");
        seen.addAll(idsOf(page));
        while (!page.get("next").isNull()) {
            page = list("limit=3&after=" + page.get("next").asString());
            seen.addAll(idsOf(page));
        }
        assertThat(seen).containsExactlyElementsOf(ids);

        JsonNode filtered = list("limit=1&q=bob");
        JsonNode rest = list("limit=5&q=bob&after=" + filtered.get("next").asString());
        assertThat(idsOf(filtered)).containsExactly(ids.get(1));
        assertThat(idsOf(rest)).containsExactly(ids.get(2), ids.get(3));
        assertThat(rest.get("next").isNull()).isTrue();
    }

    @Test
    void shouldSearchByPrefixOfAnyIdentifierWithoutRegardToCase() {
        assertThat(idsOf(list("q=BOB"))).containsExactly(ids.get(1), ids.get(2), ids.get(3));
        assertThat(idsOf(list("q=bob_"))).as("'_' is a character, not a wildcard").containsExactly(ids.get(1));
        assertThat(idsOf(list("q=bob%25"))).as("'%' is a character, not a wildcard").isEmpty();
        assertThat(idsOf(list("q=%2B86138"))).containsExactly(ids.get(1));
        assertThat(idsOf(list("q=carol%40"))).containsExactly(ids.get(3));
        assertThat(idsOf(list("q=example"))).as("a prefix, not a substring").isEmpty();
        assertThat(idsOf(list("q=%20"))).as("a blank search is no search").hasSize(7);
        JsonNode found = list("q=bob&limit=2");
        assertThat(found.get("total").asLong()).isEqualTo(3);
        assertThat(found.get("total_exact").asBoolean()).isTrue();
    }

    @Test
    void shouldFilterByRoleStateAndVerifiedEmail() {
        assertThat(idsOf(list("role=9"))).containsExactly(ids.get(1));
        assertThat(idsOf(list("role=1"))).hasSize(6).doesNotContain(ids.get(1));
        assertThat(idsOf(list("disabled=true"))).containsExactly(ids.get(3));
        assertThat(idsOf(list("disabled=false"))).hasSize(6).doesNotContain(ids.get(3));
        assertThat(idsOf(list("verified=true"))).containsExactly(ids.get(3), ids.get(4));
        assertThat(idsOf(list("verified=true&disabled=false"))).containsExactly(ids.get(4));
        assertThat(idsOf(list("q=bob&role=1&verified=false"))).containsExactly(ids.get(2));
        assertThat(list("verified=false").get("total").asLong()).isEqualTo(5);
    }

    @Test
    void shouldRefuseBadFiltersAndCursorsWithAClearReason() {
        String cursor = list("limit=1").get("next").asString();
        List<List<String>> cases = List.of(
                List.of("role=2", "role must be 1 (user) or 9 (administrator)"),
                List.of("role=admin", "role must be 1 (user) or 9 (administrator)"),
                List.of("disabled=yes", "disabled must be true or false"),
                List.of("verified=1", "verified must be true or false"),
                List.of("q=" + "a".repeat(101), "q must be 1-100 characters"),
                List.of("after=not-a-cursor", "after must be a next cursor of an earlier page"),
                List.of("after=OTk5OTk5OTk5OTk5OTk5OTk5LjAwMDAwMDAwLTAwMDAtMDAwMC0wMDAwLTAwMDAwMDAwMDAwMA",
                        "after must be a next cursor of an earlier page"),
                List.of("after=" + cursor + "&offset=2", "page by offset or after a cursor, not both"));
        for (List<String> bad : cases) {
            Http.Response answer = http.get(base() + "?" + bad.get(0), SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
            assertThat(answer.status()).as(bad.get(0) + " " + answer).isEqualTo(400);
            assertThat(answer.text("error")).isEqualTo("VALIDATION_FAILED");
            assertThat(answer.text("message")).isEqualTo(bad.get(1));
        }
    }

    @Test
    void shouldKeepTheTotalExactThroughBulkInsertsAndDeletes() {
        jdbc.sql("""
                INSERT INTO app_user (id, app_id, username, nickname)
                SELECT gen_random_uuid(), :appId, 'bulk_' || i, 'bulk' FROM generate_series(1, 40) i
                """).param("appId", app.appId()).update();
        assertThat(list("limit=1").get("total").asLong()).isEqualTo(47);
        jdbc.sql("DELETE FROM app_user WHERE app_id = :appId AND username LIKE 'bulk\\_1%'").param("appId", app.appId()).update();
        assertThat(list("limit=1").get("total").asLong()).isEqualTo(36);
        assertThat(list("limit=1").get("total").asLong()).isEqualTo(
                jdbc.sql("SELECT count(*) FROM app_user WHERE app_id = :appId").param("appId", app.appId()).query(Long.class).single());
        assertThat(idsOf(list("limit=1000&offset=30"))).hasSize(6);
    }

    private JsonNode list(String query) {
        Http.Response answer = http.get(base() + "?" + query, SuiteHeaders.INTERNAL_CREDENTIAL, CREDENTIAL);
        assertThat(answer.status()).as(query + " " + answer).isEqualTo(200);
        return answer.json();
    }

    private String base() {
        return "/internal/apps/" + app.appId() + "/users";
    }

    private static List<String> idsOf(JsonNode page) {
        List<String> found = new ArrayList<>();
        page.get("users").forEach(user -> found.add(user.get("id").asString()));
        return found;
    }

    private void set(String assignments, String id) {
        jdbc.sql("UPDATE app_user SET " + assignments + " WHERE id = CAST(:id AS uuid)").param("id", id).update();
    }

    private String register(String email) {
        Http.Response registered = http.post("/auth/v1/register", """
                {"nickname":"n","password":"password123","contact_type":"email","contact":"%s","app_id":"%s"}
                """.formatted(email, app.appId()), "Authorization", app.authorization());
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        return registered.text("userId");
    }
}
