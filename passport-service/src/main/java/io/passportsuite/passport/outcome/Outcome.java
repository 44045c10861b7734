package io.passportsuite.passport.outcome;

import java.util.Optional;
import java.util.function.Function;

/**
 * What a use case returns: the value, or the expected reason it could not produce one. Each API
 * surface turns a {@link Problem} into its own error format; nothing is thrown across layers
 * for outcomes a client can cause.
 */
public sealed interface Outcome<T> {

    record Success<T>(T value) implements Outcome<T> {
    }

    record Failure<T>(Problem problem) implements Outcome<T> {
    }

    static <T> Outcome<T> success(T value) {
        return new Success<>(value);
    }

    static <T> Outcome<T> failure(Reason reason, Object... arguments) {
        return new Failure<>(Problem.of(reason, arguments));
    }

    static <T> Outcome<T> failure(Problem problem) {
        return new Failure<>(problem);
    }

    /** The value when this is a success. */
    default Optional<T> succeeded() {
        return this instanceof Success<T> success ? Optional.of(success.value()) : Optional.empty();
    }

    /** The value, or the problem raised: for a surface reading its request, whose advice answers the problem. */
    default T orRaise() {
        return switch (this) {
            case Success<T> success -> success.value();
            case Failure<T> failure -> throw failure.problem().raise();
        };
    }

    default <R> Outcome<R> map(Function<T, R> mapper) {
        return switch (this) {
            case Success<T> success -> new Success<>(mapper.apply(success.value()));
            case Failure<T> failure -> new Failure<>(failure.problem());
        };
    }

    default <R> Outcome<R> flatMap(Function<T, Outcome<R>> next) {
        return switch (this) {
            case Success<T> success -> next.apply(success.value());
            case Failure<T> failure -> new Failure<>(failure.problem());
        };
    }
}
