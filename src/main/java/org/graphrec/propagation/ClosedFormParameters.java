package org.graphrec.propagation;

import java.util.Map;
import org.graphrec.config.RecordMap;

/**
 * Parameters of {@link ClosedFormPropagation}.
 *
 * @param dimension        embedding dimension d = rank of the spectral filter (≥ 1)
 * @param oversampling     extra random directions of the randomized SVD (≥ 0)
 * @param powerIterations  subspace iterations of the randomized SVD (≥ 1)
 * @param seed             seed of the random start
 * @param filterExponent   p of the spectral filter σ^p applied to the kept singular directions (≥ 0)
 * @param userExponent     β: a user's train items enter the user embedding weighted by degree^−β
 * @param itemExponent     γ: item embeddings are scaled by degree^γ (popularity prior; 0.5 = GF-CF's ideal filter)
 * @param rowNormExponent  exponent of the row-degree normalisation of the augmented matrix (0.5 = symmetric)
 * @param columnNormExponent exponent of the column (item) degree normalisation
 * @param modalityWeights  weight of each modality's kNN pseudo-user rows (modality name → weight; absent/0 = off)
 * @param selfWeight       weight of the item itself in its own kNN pseudo-user row (relative to similarities)
 * @param brandWeight      weight of the brand co-membership rows (0 = off)
 * @param categoryWeight   weight of the category co-membership rows (0 = off)
 */
public record ClosedFormParameters(int dimension, int oversampling, int powerIterations, long seed,
                                   double filterExponent, double userExponent, double itemExponent,
                                   double rowNormExponent, double columnNormExponent,
                                   Map<String, Double> modalityWeights, double selfWeight, double brandWeight,
                                   double categoryWeight) {

    public ClosedFormParameters {
        require(dimension >= 1, "dimension must be at least 1, got " + dimension);
        require(oversampling >= 0, "oversampling may not be negative, got " + oversampling);
        require(powerIterations >= 1, "powerIterations must be at least 1, got " + powerIterations);
        require(filterExponent >= 0, "filterExponent may not be negative, got " + filterExponent);
        require(brandWeight >= 0 && categoryWeight >= 0 && selfWeight >= 0, "weights may not be negative");
        modalityWeights = Map.copyOf(modalityWeights);
        modalityWeights.forEach((m, w) -> require(w >= 0, "weight of modality " + m + " may not be negative"));
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The defaults chosen on TikTok's validation split (see docs/quality.md), at dimension {@code d}. */
    public static ClosedFormParameters defaults(int d) {
        return new ClosedFormParameters(d, 16, 4, 42, 6, 0.5, 0.4, 0.5, 0.5, Map.of(), 1.0, 0.0, 0.0);
    }

    public ClosedFormParameters withModalityWeights(Map<String, Double> weights) {
        return new ClosedFormParameters(dimension, oversampling, powerIterations, seed, filterExponent, userExponent,
                itemExponent, rowNormExponent, columnNormExponent, weights, selfWeight, brandWeight, categoryWeight);
    }

    public ClosedFormParameters withGroups(double brand, double category) {
        return new ClosedFormParameters(dimension, oversampling, powerIterations, seed, filterExponent, userExponent,
                itemExponent, rowNormExponent, columnNormExponent, modalityWeights, selfWeight, brand, category);
    }

    public ClosedFormParameters withDimension(int d) {
        return new ClosedFormParameters(d, oversampling, powerIterations, seed, filterExponent, userExponent,
                itemExponent, rowNormExponent, columnNormExponent, modalityWeights, selfWeight, brandWeight,
                categoryWeight);
    }

    public ClosedFormParameters withFilter(double p, double beta, double gamma) {
        return new ClosedFormParameters(dimension, oversampling, powerIterations, seed, p, beta, gamma,
                rowNormExponent, columnNormExponent, modalityWeights, selfWeight, brandWeight, categoryWeight);
    }

    public ClosedFormParameters withSeed(long s) {
        return new ClosedFormParameters(dimension, oversampling, powerIterations, s, filterExponent, userExponent,
                itemExponent, rowNormExponent, columnNormExponent, modalityWeights, selfWeight, brandWeight,
                categoryWeight);
    }

    /** As a JSON-friendly map (for {@code PropagationRun.parameters}): every component, modality weights sorted. */
    public Map<String, Object> asMap() {
        return RecordMap.of(this);
    }
}
