package io.passportsuite.gateway.security;

import java.util.List;
import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.passportsuite.common.token.AccessTokenClaims;
import io.passportsuite.common.web.SuiteHeaders;
import reactor.core.publisher.Mono;

/**
 * Ends the answers the gateway keeps ({@link KeptAnswers}) when a request through it changed what
 * they say, as its answer is written:
 * <ul>
 * <li>passport's {@link SuiteHeaders#SESSIONS_REVOKED} (a logout, a password change, a deletion)
 * names users whose sessions ended: every answer about them ends, and the header is taken off;
 * <li>passport's {@link SuiteHeaders#USERS_CHANGED} names users whose profile the request changed
 * (an app's backend setting an avatar, an address proven with a code), and any request but a read
 * by a user with a verified token may change theirs: the answers about those users' profiles end,
 * so what was just written is read back, even by a profile asked for while the change was under
 * way; the header is taken off.
 * </ul>
 * Changes that reach passport otherwise (an administrator through admin-service, a request
 * through another gateway replica) reach the profiles kept here within their time
 * ({@code answer-for}, at most 1 s); revoked sessions at once, through the revocation events.
 */
final class ForgetChangedAnswers implements WebFilter, Ordered {

    private static final Set<HttpMethod> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final List<KeptAnswers> all;
    private final KeptAnswers profiles;

    ForgetChangedAnswers(KeptAnswers validations, KeptAnswers profiles) {
        this.all = List.of(validations, profiles);
        this.profiles = profiles;
    }

    @Override
    public int getOrder() {
        return EdgeAuthenticationFilter.ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpResponse response = exchange.getResponse();
        AccessTokenClaims user = exchange.getAttribute(EdgeAuthenticationFilter.VERIFIED_USER);
        boolean writer = user != null && !READS.contains(exchange.getRequest().getMethod());
        response.beforeCommit(() -> {
            List<String> users = response.getHeaders().remove(SuiteHeaders.SESSIONS_REVOKED);
            if (users != null) {
                all.forEach(answers -> answers.sessionsEnded(users));
            }
            List<String> changed = response.getHeaders().remove(SuiteHeaders.USERS_CHANGED);
            if (changed != null) {
                profiles.usersChanged(changed);
            }
            if (writer) {
                profiles.forgetUser(user.userId());
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
