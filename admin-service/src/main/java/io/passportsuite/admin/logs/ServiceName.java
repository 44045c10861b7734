package io.passportsuite.admin.logs;

import java.util.regex.Pattern;

/** The names that may become a folder or an archive entry: nothing that could leave the log directory. */
final class ServiceName {

    private static final Pattern VALID = Pattern.compile("[a-z0-9-]{1,64}");

    private ServiceName() {
    }

    static boolean valid(String name) {
        return name != null && VALID.matcher(name).matches();
    }
}
