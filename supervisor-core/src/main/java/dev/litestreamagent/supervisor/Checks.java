package dev.litestreamagent.supervisor;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the settings builders; messages name the setting, the value and what is expected. */
final class Checks {
    private Checks() {
    }

    static Duration nonNegative(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + ": " + value + "; expected a duration of zero or more");
        }
        return value;
    }

    static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + "; expected a duration greater than zero");
        }
        return value;
    }
}
