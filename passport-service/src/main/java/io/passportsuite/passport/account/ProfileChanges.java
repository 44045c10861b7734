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

        /** Set to {@code value} when the request names the field at all (null included), else kept. */
        public static <T> Change<T> given(boolean present, T value) {
            return present ? to(value) : keep();
        }

        T orElse(T current) {
            return present ? value : current;
        }
    }
}
