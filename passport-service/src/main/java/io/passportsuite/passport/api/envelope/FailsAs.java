package io.passportsuite.passport.api.envelope;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.passportsuite.common.error.ErrorCode;

/**
 * The one failure code the envelope reference documents for an endpoint ({@code LOGIN_FAILED},
 * {@code REGISTER_FAILED}...): its clients branch on it, so the endpoint's client errors carry it,
 * whether a use case refused the request or its body could not be read.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@interface FailsAs {

    ErrorCode value();
}
