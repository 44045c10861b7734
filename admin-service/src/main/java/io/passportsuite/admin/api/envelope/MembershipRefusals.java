package io.passportsuite.admin.api.envelope;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.passportsuite.admin.membership.MembershipReply;
import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.ErrorCode;
import io.passportsuite.common.events.membership.MembershipChanged;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * What an operator is told when membership did not do what was asked: its 400, 404 and 409 are
 * theirs to fix and passed on under the endpoint's code (its English reason after a Chinese one);
 * everything else is no fault of theirs, 503. Path segments and bodies are checked here first.
 */
final class MembershipRefusals {

    static final ErrorCode FAILS_AS = ErrorCode.ADMIN_OPERATION_FAILED;
    static final String NO_SUCH_INVITE = "邀请码不存在";
    static final String NO_SUCH_TIER = "会员等级不存在";

    private static final Logger log = LoggerFactory.getLogger(MembershipRefusals.class);
    /** Membership's own rule for tier names. */
    private static final Pattern TIER_NAME = Pattern.compile("[a-z0-9_-]{1,32}");

    private MembershipRefusals() {
    }

    /** @param notFound what a 404 means on this endpoint; null where membership answers none */
    static Refusal of(MembershipReply<?> reply, ErrorCode failsAs, String notFound) {
        return switch (reply) {
            case MembershipReply.Refused<?> refused when refused.status() == 404 && notFound != null -> new Refusal(failsAs, 404, notFound);
            case MembershipReply.Refused<?> refused when refused.status() == 400 -> new Refusal(failsAs, 400, reasoned("请求参数错误", refused));
            case MembershipReply.Refused<?> refused when refused.status() == 409 -> new Refusal(failsAs, 409, reasoned("操作冲突", refused));
            case MembershipReply.Refused<?> refused -> {
                log.error("Membership refused a back-office call: {} {} {}", refused.status(), refused.error(), refused.message());
                yield new Refusal(ErrorCode.SERVICE_UNAVAILABLE, 503, PassportRefusals.UNAVAILABLE);
            }
            case MembershipReply.Unavailable<?> unavailable -> new Refusal(ErrorCode.SERVICE_UNAVAILABLE, 503, PassportRefusals.UNAVAILABLE);
            case MembershipReply.Answered<?> answered -> throw new IllegalArgumentException("an answer is no refusal");
        };
    }

    private static String reasoned(String chinese, MembershipReply.Refused<?> refused) {
        return refused.message() == null ? chinese : chinese + ": " + refused.message();
    }

    static String tierName(String segment) {
        if (segment == null || !TIER_NAME.matcher(segment).matches()) {
            throw new Refusal(FAILS_AS, 400, "等级名称须为 1-32 个小写字母、数字、'_' 或 '-'");
        }
        return segment;
    }

    static String capability(String segment) {
        if (segment == null || !MembershipChanged.CAPABILITY.matcher(segment).matches()) {
            throw new Refusal(FAILS_AS, 400, "能力名称须形如 subject:action(小写字母与 '_'),例如 cloud:deploy");
        }
        return segment;
    }

    /** {@code grant} when left out. */
    static String kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return "grant";
        }
        if (!kind.equals("grant") && !kind.equals("revoke")) {
            throw new Refusal(FAILS_AS, 400, "kind 须为 grant 或 revoke");
        }
        return kind;
    }

    static UUID idOf(String segment, ErrorCode failsAs, String notFound) {
        try {
            return UUID.fromString(segment);
        } catch (IllegalArgumentException e) {
            throw new Refusal(failsAs, 404, notFound);
        }
    }

    /**
     * The operator's snake_case body as membership's camelCase one: only the fields named (else 400),
     * values as sent, which membership checks.
     */
    static ObjectNode translated(JsonNode json, Map<String, String> names) {
        JsonNode body = Bodies.object(json, FAILS_AS);
        ObjectNode sent = JsonNodeFactory.instance.objectNode();
        for (String field : body.propertyNames()) {
            String name = names.get(field);
            if (name == null) {
                throw new Refusal(FAILS_AS, 400, "未知字段: " + (field.length() > 64 ? field.substring(0, 64) : field));
            }
            sent.set(name, body.get(field));
        }
        return sent;
    }
}
