package io.passportsuite.passport.account;

/**
 * A partial profile update. Each field is either left as it is ({@link Change#keep()}) or set,
 * possibly to null (an avatar may be removed).
 */
public record ProfileChanges(Change<String> nickname, Change<String> avatarUrl, Change<String> signature) {

    public record Change<T>(boolean present, T value) {

        public static <T> Change<T> keep() {
            return new Change<>(false, null);
        }

        public static <T> Change<T> to(T value) {
            return new Change<>(true, value);
        }

        T orElse(T current) {
            return present ? value : current;
        }
    }
}
