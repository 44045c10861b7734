package io.passportsuite.passport.session;

import java.util.UUID;

/**
 * Published, in the thread that ends them, when sessions of a user end: the request that ended
 * them tells the gateway in its answer (web.GatewayNotices), before the revocation event
 * has travelled through the outbox and Kafka. Published before the transaction commits; a
 * rolled-back revocation only makes the gateway ask passport again.
 */
public record SessionsEnded(UUID userId) {
}
