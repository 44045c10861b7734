package io.passportsuite.admin.users;

/** Passport's roles: 1 a user, 9 an administrator. */
public final class Roles {

    public static final int USER = 1;
    public static final int ADMIN = 9;

    private Roles() {
    }
}
