package io.passportsuite.admin.passport;

/** An app's settings before and after a change, as passport applied it. */
public record SettingsChanged(PassportApp before, PassportApp after) {
}
