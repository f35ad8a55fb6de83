package org.graphrec.importer.synthetic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The hidden world behind a synthetic catalogue, from which every observable row is derived.
 *
 * <ul>
 *   <li>{@code Z} taste clusters with random unit centres in a {@code latentDim}-space; each item has a latent
 *       factor = its cluster's centre + Gaussian noise (norm about 0.7).</li>
 *   <li>Item popularity is Zipf-like (weight {@code 1/rank^0.8} over a random ranking); 1 % of the items are
 *       cold (never interacted with), 20 % are released during the period instead of at its start (at a rate
 *       growing linearly with time, like the users' arrivals).</li>
 *   <li>Each brand has a home cluster; 85 % of a cluster's branded items carry one of its brands (popular brands
 *       more often), the rest a brand from anywhere; 5 % of the items have no brand.</li>
 *   <li>Each cluster has a primary and a secondary category and three theme words; titles and descriptions are
 *       made from them, so text is meaningful.</li>
 *   <li>Users arrive at a rate growing linearly over the period and stay active for the first half or more of
 *       the rest of it; their timestamps are uniform in that window.</li>
 *   <li>User activity is lognormal (σ = 1.2) on top of a minimum of 3, scaled to the requested total. A user
 *       prefers 1–3 clusters; their taste vector mixes those centres plus noise. Each choice is, with probability
 *       0.72, the best-liked of three popularity draws from a preferred cluster, with 0.18 a popularity draw from
 *       the whole catalogue, otherwise a uniform draw (noise). Ratings grow with the cosine of taste and item.</li>
 *   <li>Text and image vectors are random projections of the item factor (each modality weights a different
 *       half of the latent dimensions) plus modality-specific side signal (category for text, brand for image)
 *       and noise: each modality carries partial, complementary signal.</li>
 * </ul>
 *
 * This class builds the structure (clusters, items, popularity, release dates, brands, categories, themes);
 * {@link ItemContent} derives what an item shows and {@link Shoppers} what users do. Every random step draws
 * from a stream keyed by (seed, purpose, index) ({@link SeededRandom}), so the result does not depend on the
 * order in which users or items are produced. Memory: O(items · latentDim + users) — interactions are never held.
 */
final class SyntheticCatalogue {

    // the model's constants, for the structure here, ItemContent and Shoppers
    static final double NO_BRAND_SHARE = 0.05;
    static final double BRAND_IN_HOME_CLUSTER = 0.85;
    static final double ITEM_SPREAD = 0.7;
    static final double USER_SPREAD = 0.5;
    static final double POPULARITY_EXPONENT = 0.8;
    static final double ACTIVITY_SIGMA = 1.2;
    static final double PREFERRED_CLUSTER_SHARE = 0.72;
    static final double POPULAR_SHARE = 0.18;
    static final int TOURNAMENT = 3;
    static final double TEXT_NOISE = 0.22;
    static final double TEXT_CATEGORY = 0.08;
    static final double IMAGE_NOISE = 0.26;
    static final double IMAGE_BRAND = 0.10;
    static final double WEAK_HALF = 0.35;

    final SyntheticParameters p;
    final int d;
    final float[] centres;
    final int[] itemCluster;
    final float[] itemFactor;
    final float[] itemNorm;
    final int[] itemBrand;
    final long[] itemRelease;
    final boolean[] cold;
    final int coldCount;
    final String[] brandNames;
    final int[] brandHome;
    final String[] categoryNames;
    final int[] clusterPrimaryCategory;
    final int[] clusterSecondaryCategory;
    final String[][] clusterThemes;
    final String[][] categoryNouns;
    /** What each item shows: categories, text, vectors. */
    final ItemContent content;
    /** What each user does: activity, choices, ratings. */
    final Shoppers shoppers;

    SyntheticCatalogue(SyntheticParameters p) {
        this.p = p;
        this.d = p.latentDim();
        int items = p.items();
        int z = p.clusters();
        SplittableRandom r = SeededRandom.random(p.seed(), SeededRandom.Purpose.STRUCTURE, 0);

        centres = new float[z * d];
        for (int c = 0; c < z; c++) {
            SeededRandom.gaussianUnit(r, centres, c * d, d);
        }
        double[] clusterSize = new double[z];
        for (int c = 0; c < z; c++) {
            clusterSize[c] = Math.exp(0.6 * r.nextGaussian());
        }
        AliasSampler clusterOfItem = new AliasSampler(clusterSize);
        itemCluster = new int[items];
        itemFactor = new float[items * d];
        itemNorm = new float[items];
        double spread = ITEM_SPREAD / Math.sqrt(d);
        for (int i = 0; i < items; i++) {
            int c = i < z ? i : clusterOfItem.sample(r);
            itemCluster[i] = c;
            double norm = 0;
            for (int k = 0; k < d; k++) {
                float v = (float) (centres[c * d + k] + spread * r.nextGaussian());
                itemFactor[i * d + k] = v;
                norm += v * v;
            }
            itemNorm[i] = (float) Math.sqrt(norm);
        }

        int[] rank = SeededRandom.permutation(r, items);
        double[] popularity = new double[items];
        for (int i = 0; i < items; i++) {
            popularity[i] = Math.pow(rank[i] + 1, -POPULARITY_EXPONENT);
        }
        int[] order = SeededRandom.permutation(r, items);
        coldCount = SyntheticParameters.coldItems(items);
        int late = SyntheticParameters.lateItems(items);
        cold = new boolean[items];
        itemRelease = new long[items];
        Arrays.fill(itemRelease, SyntheticParameters.START_EPOCH_SECOND);
        long period = p.endEpochSecond() - SyntheticParameters.START_EPOCH_SECOND;
        for (int j = 0; j < coldCount + late; j++) {
            int i = order[j];
            if (j < coldCount) {
                cold[i] = true;
            } else {
                double stratum = (j - coldCount + r.nextDouble()) / late; // evenly spread, no empty stretches
                itemRelease[i] = SyntheticParameters.START_EPOCH_SECOND + (long) (Math.sqrt(stratum) * period);
            }
        }

        int[][] clusterAll = groupByCluster(itemCluster, z, i -> true);

        // brands: a home cluster each, seeded with one item of that cluster so every brand is used
        int brands = p.brands();
        brandHome = new int[brands];
        int[] clusterOrder = SeededRandom.permutation(r, z);
        for (int b = 0; b < brands; b++) {
            brandHome[b] = b < z ? clusterOrder[b] : clusterOfItem.sample(r);
        }
        double[] brandWeight = new double[brands];
        for (int b = 0; b < brands; b++) {
            brandWeight[b] = Math.exp(1.0 * r.nextGaussian());
        }
        AliasSampler anyBrand = new AliasSampler(brandWeight);
        List<List<Integer>> brandsOfCluster = new ArrayList<>();
        for (int c = 0; c < z; c++) {
            brandsOfCluster.add(new ArrayList<>());
        }
        for (int b = 0; b < brands; b++) {
            brandsOfCluster.get(brandHome[b]).add(b);
        }
        int[][] clusterBrands = new int[z][];
        AliasSampler[] clusterBrandSampler = new AliasSampler[z];
        for (int c = 0; c < z; c++) {
            clusterBrands[c] = brandsOfCluster.get(c).stream().mapToInt(Integer::intValue).toArray();
            if (clusterBrands[c].length > 0) {
                double[] w = new double[clusterBrands[c].length];
                for (int j = 0; j < w.length; j++) {
                    w[j] = brandWeight[clusterBrands[c][j]];
                }
                clusterBrandSampler[c] = new AliasSampler(w);
            }
        }
        itemBrand = new int[items];
        Arrays.fill(itemBrand, Integer.MIN_VALUE);
        int[] nextInCluster = new int[z];
        int[][] shuffledCluster = new int[z][];
        for (int c = 0; c < z; c++) {
            shuffledCluster[c] = SeededRandom.shuffle(r, clusterAll[c].clone());
        }
        int[] anyOrder = SeededRandom.permutation(r, items);
        int nextAny = 0;
        for (int b = 0; b < brands; b++) {
            int c = brandHome[b];
            int chosen = -1;
            while (nextInCluster[c] < shuffledCluster[c].length && chosen < 0) {
                int i = shuffledCluster[c][nextInCluster[c]++];
                if (itemBrand[i] == Integer.MIN_VALUE) {
                    chosen = i;
                }
            }
            while (chosen < 0) {
                int i = anyOrder[nextAny++];
                if (itemBrand[i] == Integer.MIN_VALUE) {
                    chosen = i;
                }
            }
            itemBrand[chosen] = b;
        }
        for (int i = 0; i < items; i++) {
            if (itemBrand[i] != Integer.MIN_VALUE) {
                continue;
            }
            double x = r.nextDouble();
            int c = itemCluster[i];
            if (x < NO_BRAND_SHARE) {
                itemBrand[i] = -1;
            } else if (x < NO_BRAND_SHARE + (1 - NO_BRAND_SHARE) * BRAND_IN_HOME_CLUSTER
                    && clusterBrandSampler[c] != null) {
                itemBrand[i] = clusterBrands[c][clusterBrandSampler[c].sample(r)];
            } else {
                itemBrand[i] = anyBrand.sample(r);
            }
        }
        brandNames = brandNames(r, brands);

        int categories = p.categories();
        categoryNames = new String[categories];
        for (int k = 0; k < categories; k++) {
            String base = Words.CATEGORIES.get(k % Words.CATEGORIES.size());
            categoryNames[k] = k < Words.CATEGORIES.size() ? base : base + " " + (k / Words.CATEGORIES.size() + 1);
        }
        int[] categoryOrder = SeededRandom.permutation(r, categories);
        clusterPrimaryCategory = new int[z];
        clusterSecondaryCategory = new int[z];
        for (int c = 0; c < z; c++) {
            clusterPrimaryCategory[c] = categoryOrder[c % categories];
            int second = categories == 1 ? -1 : r.nextInt(categories - 1);
            clusterSecondaryCategory[c] = second < 0 ? -1
                    : second >= clusterPrimaryCategory[c] ? second + 1 : second;
        }
        categoryNouns = new String[categories][];
        for (int k = 0; k < categories; k++) {
            categoryNouns[k] = Words.nouns(k).toArray(String[]::new);
        }
        clusterThemes = new String[z][];
        int[] themeOrder = SeededRandom.permutation(r, Words.THEMES.size());
        for (int c = 0; c < z; c++) {
            String[] themes = new String[3];
            for (int k = 0; k < 3; k++) {
                themes[k] = Words.THEMES.get(themeOrder[(3 * c + k) % themeOrder.length]);
            }
            clusterThemes[c] = themes;
        }

        // the rest of the structure stream, in this order: the items' projections, then the users' activity
        content = new ItemContent(this, r);
        shoppers = new Shoppers(this, popularity, r);
    }

    /** Rough heap need in bytes, printable before the run. */
    static long estimateMemoryBytes(SyntheticParameters p) {
        long items = p.items();
        long perItem = (long) p.latentDim() * 4 + 4 + 4 + 4 + 8 + 1 + 8 * 4 + 16 * 3;
        long perUser = 4 + 8;
        long maxHistory = (long) SyntheticParameters.maxActivity(p.items()) * (4 + 8 + 1 + 8);
        long projections = 4L * (p.textDim() + p.imageDim()) * p.latentDim() + 4L * p.categories() * p.textDim()
                + 4L * p.brands() * p.imageDim();
        return items * perItem + p.users() * perUser + maxHistory + projections + (64L << 20);
    }

    // ---- helpers

    private static String[] brandNames(SplittableRandom r, int brands) {
        String[] names = new String[brands];
        Set<String> used = new HashSet<>();
        for (int b = 0; b < brands; b++) {
            String name = null;
            for (int attempt = 0; attempt < 20 && (name == null || used.contains(name)); attempt++) {
                int syllables = 2 + r.nextInt(2);
                StringBuilder s = new StringBuilder();
                for (int k = 0; k < syllables; k++) {
                    s.append(Words.SYLLABLES.get(r.nextInt(Words.SYLLABLES.size())));
                }
                name = Character.toUpperCase(s.charAt(0)) + s.substring(1);
            }
            if (used.contains(name)) {
                name = name + " " + (b + 1);
            }
            used.add(name);
            names[b] = name;
        }
        return names;
    }

    static int[][] groupByCluster(int[] cluster, int clusters, java.util.function.IntPredicate keep) {
        int[] size = new int[clusters];
        for (int i = 0; i < cluster.length; i++) {
            if (keep.test(i)) {
                size[cluster[i]]++;
            }
        }
        int[][] groups = new int[clusters][];
        for (int c = 0; c < clusters; c++) {
            groups[c] = new int[size[c]];
        }
        int[] fill = new int[clusters];
        for (int i = 0; i < cluster.length; i++) {
            if (keep.test(i)) {
                groups[cluster[i]][fill[cluster[i]]++] = i;
            }
        }
        return groups;
    }

    static int[] select(int n, java.util.function.IntPredicate keep) {
        return java.util.stream.IntStream.range(0, n).filter(keep).toArray();
    }
}
