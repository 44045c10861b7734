package io.passportsuite.passport.code;

/** What an attempt to issue a code comes to: a code on its way, or a send refused by the throttle. */
sealed interface Issuing permits IssuedCode, CodeRejected {
}
