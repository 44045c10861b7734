package io.passportsuite.admin.passport;

/** A user as passport held them before an edit and holds them after it. */
public record UserChange(PassportUser before, PassportUser after) {
}
