package io.passportsuite.asset.settings;

/** What came of an operator setting an app's upload settings. */
public sealed interface SettingsChange {

    /** Saved; {@code before} and {@code after} as they applied, for the operator's audit trail. */
    record Saved(AppSettings before, AppSettings after) implements SettingsChange {
    }

    /** Nothing saved: {@code field} is out of bounds for {@code reason}. */
    record Invalid(String field, String reason) implements SettingsChange {
    }
}
