package org.graphrec.importer.synthetic;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.graphrec.importer.synthetic.SeededRandom.Purpose;

/**
 * What a synthetic item shows of the hidden world ({@link SyntheticCatalogue}): its categories, title and
 * description, and its text and image vectors. The vectors are random projections of the item factor (each modality
 * weights a different half of the latent dimensions) plus side signal (category for text, brand for image) and noise.
 */
final class ItemContent {

    private final SyntheticCatalogue w;
    private final SyntheticParameters p;
    private final int d;
    private final float[] textProjection;
    private final float[] imageProjection;
    private final float[] categoryText;
    private final float[] brandImage;

    /** Draws the projections and side signals from {@code r}, the world's structure stream, in this order. */
    ItemContent(SyntheticCatalogue world, SplittableRandom r) {
        this.w = world;
        this.p = world.p;
        this.d = world.d;
        textProjection = projection(r, p.textDim(), true);
        imageProjection = projection(r, p.imageDim(), false);
        categoryText = new float[p.categories() * p.textDim()];
        for (int j = 0; j < categoryText.length; j++) {
            categoryText[j] = (float) (SyntheticCatalogue.TEXT_CATEGORY * r.nextGaussian());
        }
        brandImage = new float[p.brands() * p.imageDim()];
        for (int j = 0; j < brandImage.length; j++) {
            brandImage[j] = (float) (SyntheticCatalogue.IMAGE_BRAND * r.nextGaussian());
        }
    }

    /** The categories of item {@code i}: its cluster's primary, often the secondary, sometimes a random one. */
    int[] categories(int i) {
        SplittableRandom r = SeededRandom.random(p.seed(), Purpose.ITEM_CATEGORIES, i);
        int c = w.itemCluster[i];
        int[] result = new int[3];
        int n = 0;
        result[n++] = w.clusterPrimaryCategory[c];
        if (w.clusterSecondaryCategory[c] >= 0 && r.nextDouble() < 0.45) {
            result[n++] = w.clusterSecondaryCategory[c];
        }
        if (r.nextDouble() < 0.15) {
            int extra = r.nextInt(p.categories());
            boolean fresh = true;
            for (int k = 0; k < n; k++) {
                fresh &= result[k] != extra;
            }
            if (fresh) {
                result[n++] = extra;
            }
        }
        return Arrays.copyOf(result, n);
    }

    /** Title and description of item {@code i}, built from its cluster's themes and its category's nouns. */
    String[] titleAndDescription(int i, int[] categories) {
        SplittableRandom r = SeededRandom.random(p.seed(), Purpose.ITEM_TEXT, i);
        String[] themes = w.clusterThemes[w.itemCluster[i]];
        String[] nouns = w.categoryNouns[categories[0]];
        String theme = themes[r.nextInt(themes.length)];
        String noun = nouns[r.nextInt(nouns.length)];
        String adjective = Words.ADJECTIVES.get(r.nextInt(Words.ADJECTIVES.size()));
        StringBuilder title = new StringBuilder();
        int b = w.itemBrand[i];
        if (b >= 0 && r.nextDouble() < 0.6) {
            title.append(w.brandNames[b]).append(' ');
        }
        double shape = r.nextDouble();
        if (shape < 0.04) {
            title.append(10 + r.nextInt(20)).append("\" ");
        }
        title.append(Words.title(theme + " " + adjective + " " + noun));
        if (shape > 0.75) {
            title.append(", ").append(Words.title(themes[r.nextInt(themes.length)])).append(" Edition");
        } else if (shape > 0.55) {
            title.append(" ").append(1 + r.nextInt(9));
        }
        String other = themes[(Arrays.asList(themes).indexOf(theme) + 1 + r.nextInt(themes.length - 1))
                % themes.length];
        String article = "aeiou".indexOf(adjective.charAt(0)) >= 0 ? "An " : "A ";
        String description = article + adjective + " " + noun + " for " + theme + " and " + other
                + " lovers, part of our "
                + w.categoryNames[categories[0]] + " range" + (categories.length > 1 ? " (also great for "
                + w.categoryNames[categories[1]] + ")" : "") + ". "
                + Words.PHRASES.get(r.nextInt(Words.PHRASES.size()));
        return new String[] {title.toString(), description};
    }

    /** The text vector of item {@code i} (unit length, like a sentence encoder's). */
    void textVector(int i, int primaryCategory, float[] out) {
        project(textProjection, i, out);
        SplittableRandom r = SeededRandom.random(p.seed(), Purpose.TEXT_NOISE, i);
        int dim = out.length;
        double norm = 0;
        for (int k = 0; k < dim; k++) {
            out[k] += categoryText[primaryCategory * dim + k]
                    + (float) (SyntheticCatalogue.TEXT_NOISE * r.nextGaussian());
            norm += out[k] * out[k];
        }
        float scale = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 1;
        for (int k = 0; k < dim; k++) {
            out[k] *= scale;
        }
    }

    /** The image vector of item {@code i} (unnormalised, like CNN features). */
    void imageVector(int i, float[] out) {
        project(imageProjection, i, out);
        SplittableRandom r = SeededRandom.random(p.seed(), Purpose.IMAGE_NOISE, i);
        int dim = out.length;
        int b = w.itemBrand[i];
        for (int k = 0; k < dim; k++) {
            out[k] += (b >= 0 ? brandImage[b * dim + k] : 0)
                    + (float) (SyntheticCatalogue.IMAGE_NOISE * r.nextGaussian());
        }
    }

    private void project(float[] matrix, int i, float[] out) {
        int base = i * d;
        for (int k = 0; k < out.length; k++) {
            double sum = 0;
            int row = k * d;
            for (int j = 0; j < d; j++) {
                sum += matrix[row + j] * w.itemFactor[base + j];
            }
            out[k] = (float) sum;
        }
    }

    private float[] projection(SplittableRandom r, int dim, boolean firstHalfStrong) {
        float[] m = new float[dim * d];
        double scale = 1 / Math.sqrt(d);
        for (int k = 0; k < dim; k++) {
            for (int j = 0; j < d; j++) {
                boolean firstHalf = j < d / 2;
                double weight = firstHalf == firstHalfStrong ? 1 : SyntheticCatalogue.WEAK_HALF;
                m[k * d + j] = (float) (scale * weight * r.nextGaussian());
            }
        }
        return m;
    }
}
