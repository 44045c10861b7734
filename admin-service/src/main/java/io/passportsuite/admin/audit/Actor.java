package io.passportsuite.admin.audit;

import java.util.UUID;

/** Who acted, from which address, in which request (ip and request id may be unknown). */
public record Actor(UUID userId, String ip, String requestId) {
}
