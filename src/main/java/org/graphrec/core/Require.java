package org.graphrec.core;

/**
 * Argument checks of the core's constructors, with one wording: "NAME must be at least MIN, got VALUE" and "NAME
 * may not be negative, got VALUE". Each returns the value, so a field can be checked where it is assigned.
 */
public final class Require {

    private Require() {
    }

    /** {@code value}, or IllegalArgumentException when it is below {@code min}. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    /** {@code value}, or IllegalArgumentException when it is negative. */
    public static int notNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " may not be negative, got " + value);
        }
        return value;
    }

    /** {@code value}, or IllegalArgumentException when it is negative or NaN. */
    public static double notNegative(String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " may not be negative, got " + value);
        }
        return value;
    }
}
