package org.graphrec.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "Did you mean …?" suggestions by edit distance, used for unknown options, commands and ids. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidates closest to {@code input}, best first, within an edit distance of roughly a third of its
     * length (at least 2). Empty when nothing is close.
     */
    public static List<String> closest(String input, Collection<String> candidates, int max) {
        String needle = input.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, needle.length() / 3);
        return candidates.stream()
                .map(c -> new Scored(c, distance(needle, c.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance <= limit || s.candidate.toLowerCase(Locale.ROOT).startsWith(needle))
                .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::candidate))
                .limit(max)
                .map(Scored::candidate)
                .toList();
    }

    /** " — did you mean 'x'?" or the empty string, ready to append to a message. */
    public static String didYouMean(String input, Collection<String> candidates) {
        List<String> best = closest(input, candidates, 3);
        if (best.isEmpty()) {
            return "";
        }
        return " — did you mean " + String.join(" or ", best.stream().map(s -> "'" + s + "'").toList()) + "?";
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private record Scored(String candidate, int distance) {
    }
}
