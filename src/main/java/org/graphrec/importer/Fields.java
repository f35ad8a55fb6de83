package org.graphrec.importer;

/** Parsing of single field values with the reason as the error, shared by the readers. */
final class Fields {

    private Fields() {
    }

    /** Thrown with the reason a field is invalid. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    /** A non-negative integer id (MMRec dense ids). */
    static int denseId(String text, String column) throws Invalid {
        String s = text == null ? "" : text.strip();
        if (s.isEmpty()) {
            throw new Invalid("empty " + column);
        }
        try {
            int value = Integer.parseInt(s);
            if (value < 0) {
                throw new Invalid("negative " + column + " '" + s + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Invalid("non-numeric " + column + " '" + s + "' (expected an integer id)");
        }
    }

    /** A rating: a finite number, NaN when the field is absent or empty. */
    static float rating(String text, String column) throws Invalid {
        if (text == null || text.isBlank()) {
            return Float.NaN;
        }
        try {
            float value = Float.parseFloat(text.strip());
            if (!Float.isFinite(value)) {
                throw new Invalid(column + " is " + text.strip() + " (expected a finite number)");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Invalid("non-numeric " + column + " '" + text.strip() + "'");
        }
    }

    /** Epoch seconds (an integer, or a number with no fraction); {@link Interactions#NO_TIMESTAMP} when empty. */
    static long timestamp(String text, String column) throws Invalid {
        if (text == null || text.isBlank()) {
            return Interactions.NO_TIMESTAMP;
        }
        String s = text.strip();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(s);
                if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e15) {
                    return (long) d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new Invalid("invalid " + column + " '" + s + "' (expected epoch seconds)");
        }
    }

    /** A split label; null when the field is absent or empty. */
    static Split split(String text, String column) throws Invalid {
        if (text == null || text.isBlank()) {
            return null;
        }
        Split split = Split.parse(text);
        if (split == null) {
            throw new Invalid("invalid " + column + " '" + text.strip() + "' (expected 0|1|2 or train|valid|test)");
        }
        return split;
    }

    /** A vector component: a finite number. */
    static float component(String text, int index) throws Invalid {
        try {
            float value = Float.parseFloat(text.strip());
            if (!Float.isFinite(value)) {
                throw new Invalid("vector has " + text.strip() + " at component " + index);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new Invalid("non-numeric vector component " + index + " '" + text.strip() + "'");
        }
    }
}
