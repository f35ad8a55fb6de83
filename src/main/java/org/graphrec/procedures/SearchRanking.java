package org.graphrec.procedures;

import java.util.List;

/**
 * The arithmetic of {@code graphrec.search}: reading the query vector, and blending the text relevance of every
 * candidate item with the user's model score. Both are standardised over the candidates (z-scores: minus their
 * mean, divided by their standard deviation) before the blend {@code (1 − w) · z(text) + w · z(personal)}, so the
 * weight {@code w} means the same on every catalogue whatever the spread of cosines and dot products; an item
 * without a fused embedding gets the mean personal score (z = 0), neither helped nor hurt.
 */
final class SearchRanking {

    /** Default weight of the user's score, chosen on the validation split (docs/quality.md, "Search"). */
    static final double DEFAULT_PERSONAL = 0.1;

    private SearchRanking() {
    }

    /**
     * The query vector of a {@code graphrec.search} call: a list of numbers (or a float[]/double[]); text is refused
     * with the way to get a vector, since the plugin carries no text encoder.
     */
    static float[] queryVector(Object query) {
        if (query instanceof String) {
            throw new IllegalArgumentException("graphrec.search takes the query's text vector (a list of floats), not "
                    + "text: the plugin has no text encoder — encode the text with the encoder of the catalogue's text "
                    + "vectors (`graphrec search --query TEXT --print-vector`), see cypher/recommend/search.cypher");
        }
        float[] direct = ItemVectorCache.floats(query);
        if (direct != null) {
            return direct;
        }
        if (query instanceof List<?> list && !list.isEmpty()) {
            float[] out = new float[list.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(list.get(i) instanceof Number number)) {
                    throw new IllegalArgumentException("graphrec.search: the query vector must hold numbers only, "
                            + "found " + list.get(i) + " at position " + i);
                }
                out[i] = number.floatValue();
            }
            return out;
        }
        throw new IllegalArgumentException("graphrec.search: expected the query's text vector (a non-empty list of "
                + "floats), found " + (query == null ? "null" : query));
    }

    /** The personal weight option: a number in 0..1, {@link #DEFAULT_PERSONAL} when absent. */
    static double weight(Object value) {
        if (value == null) {
            return DEFAULT_PERSONAL;
        }
        if (!(value instanceof Number number) || Double.isNaN(number.doubleValue()) || number.doubleValue() < 0
                || number.doubleValue() > 1) {
            throw new IllegalArgumentException("graphrec.search: option personal must be a number between 0 and 1, "
                    + "found " + value);
        }
        return number.doubleValue();
    }

    /**
     * The user's model score dot(user, item) of every candidate row of {@code text} (null = all rows), read from
     * the fused matrix by element id; NaN where the item has no fused embedding.
     */
    static double[] personalScores(ItemMatrix text, int[] candidates, ItemMatrix fused, float[] user) {
        int[] fusedRows = text.rowsIn(fused);
        int count = candidates == null ? text.rows() : candidates.length;
        int[] rows = new int[count];
        for (int c = 0; c < count; c++) {
            rows[c] = fusedRows[candidates == null ? c : candidates[c]];
        }
        return fused.dots(user, rows);
    }

    /** {@code (1 − weight) · z(text) + weight · z(personal)} per candidate (NaN personal scores count as z = 0). */
    static double[] blend(double[] text, double[] personal, double weight) {
        double[] zText = standardise(text);
        double[] zPersonal = standardise(personal);
        double[] out = new double[text.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = (1 - weight) * zText[c] + weight * zPersonal[c];
        }
        return out;
    }

    /** z-scores over the non-NaN values (NaN → 0; all 0 when they do not vary). */
    static double[] standardise(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double squares = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        double sd = n == 0 ? 0 : Math.sqrt(squares / n);
        double[] out = new double[values.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = Double.isNaN(values[c]) || sd == 0 ? 0 : (values[c] - mean) / sd;
        }
        return out;
    }
}
