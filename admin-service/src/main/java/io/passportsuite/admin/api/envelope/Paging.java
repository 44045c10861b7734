package io.passportsuite.admin.api.envelope;

import io.passportsuite.admin.web.Refusal;
import io.passportsuite.common.error.ErrorCode;

/** {@code ?limit=&offset=} as the back office pages everything: limit 1-max (default 100), offset from 0. */
record Paging(int limit, long offset) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** Text in, so that {@code limit=abc} is the endpoint's own 400 and not a generic one. */
    static Paging of(String limit, String offset, ErrorCode failsAs) {
        try {
            int parsedLimit = limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit.strip());
            long parsedOffset = offset == null ? 0 : Long.parseLong(offset.strip());
            if (parsedLimit >= 1 && parsedLimit <= MAX_LIMIT && parsedOffset >= 0) {
                return new Paging(parsedLimit, parsedOffset);
            }
        } catch (NumberFormatException e) {
            // refused below, like a number out of range
        }
        throw new Refusal(failsAs, 400, "limit 必须为 1-" + MAX_LIMIT + " 的整数,offset 必须是不小于 0 的整数");
    }
}
