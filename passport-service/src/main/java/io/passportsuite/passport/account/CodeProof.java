package io.passportsuite.passport.account;

import io.passportsuite.passport.code.CodePurpose;
import io.passportsuite.passport.outcome.Reason;

/**
 * A code sent to {@code contact} for {@code purpose}, given with a request as proof of receiving
 * what is sent there. {@code code} may be null when the request did not give the code it needed:
 * the use case then answers {@code whenAbsent}, at the point where it checks the proof.
 */
public record CodeProof(Contact contact, CodePurpose purpose, String code, Reason whenAbsent) {
}
