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
 * Every random step draws from a stream keyed by (seed, purpose, index), so the result does not depend on the
 * order in which users or items are produced. Memory: O(items · latentDim + users) — interactions are never held.
 */
final class SyntheticCatalogue {

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

    private static final long STRUCTURE = 1;
    private static final long USER = 2;
    private static final long ITEM_TEXT = 3;
    private static final long ITEM_CATEGORIES = 4;
    private static final long TEXT_NOISE_STREAM = 5;
    private static final long IMAGE_NOISE_STREAM = 6;
    private static final long SPLIT = 7;

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
    final int[] activity;
    private final AliasSampler clusterForUser;
    private final AliasSampler[] clusterSampler;
    private final int[][] clusterWarm;
    private final AliasSampler globalSampler;
    private final int[] globalWarm;
    private final int[] launchWarm;
    private final float[] textProjection;
    private final float[] imageProjection;
    private final float[] categoryText;
    private final float[] brandImage;

    SyntheticCatalogue(SyntheticParameters p) {
        this.p = p;
        this.d = p.latentDim();
        int items = p.items();
        int z = p.clusters();
        SplittableRandom r = random(p.seed(), STRUCTURE, 0);

        centres = new float[z * d];
        for (int c = 0; c < z; c++) {
            gaussianUnit(r, centres, c * d, d);
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

        int[] rank = permutation(r, items);
        double[] popularity = new double[items];
        for (int i = 0; i < items; i++) {
            popularity[i] = Math.pow(rank[i] + 1, -POPULARITY_EXPONENT);
        }
        int[] order = permutation(r, items);
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
        clusterWarm = groupByCluster(itemCluster, z, i -> !cold[i]);
        clusterSampler = new AliasSampler[z];
        double[] clusterMass = new double[z];
        for (int c = 0; c < z; c++) {
            int[] members = clusterWarm[c];
            if (members.length == 0) {
                continue;
            }
            double[] w = new double[members.length];
            for (int j = 0; j < members.length; j++) {
                w[j] = popularity[members[j]];
                clusterMass[c] += w[j];
            }
            clusterSampler[c] = new AliasSampler(w);
        }
        clusterForUser = new AliasSampler(clusterMass);
        globalWarm = select(items, i -> !cold[i]);
        double[] globalWeights = new double[globalWarm.length];
        for (int j = 0; j < globalWarm.length; j++) {
            globalWeights[j] = popularity[globalWarm[j]];
        }
        globalSampler = new AliasSampler(globalWeights);
        launchWarm = select(items, i -> !cold[i] && itemRelease[i] == SyntheticParameters.START_EPOCH_SECOND);

        // brands: a home cluster each, seeded with one item of that cluster so every brand is used
        int brands = p.brands();
        brandHome = new int[brands];
        int[] clusterOrder = permutation(r, z);
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
            shuffledCluster[c] = shuffle(r, clusterAll[c].clone());
        }
        int[] anyOrder = permutation(r, items);
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
        int[] categoryOrder = permutation(r, categories);
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
        int[] themeOrder = permutation(r, Words.THEMES.size());
        for (int c = 0; c < z; c++) {
            String[] themes = new String[3];
            for (int k = 0; k < 3; k++) {
                themes[k] = Words.THEMES.get(themeOrder[(3 * c + k) % themeOrder.length]);
            }
            clusterThemes[c] = themes;
        }

        textProjection = projection(r, p.textDim(), true);
        imageProjection = projection(r, p.imageDim(), false);
        categoryText = new float[categories * p.textDim()];
        for (int j = 0; j < categoryText.length; j++) {
            categoryText[j] = (float) (TEXT_CATEGORY * r.nextGaussian());
        }
        brandImage = new float[brands * p.imageDim()];
        for (int j = 0; j < brandImage.length; j++) {
            brandImage[j] = (float) (IMAGE_BRAND * r.nextGaussian());
        }

        activity = allocateActivity(r, p.users(), p.interactions(), Math.min(SyntheticParameters.maxActivity(items),
                launchWarm.length / 2));
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

    // ---- items

    /** The categories of item {@code i}: its cluster's primary, often the secondary, sometimes a random one. */
    int[] categories(int i) {
        SplittableRandom r = random(p.seed(), ITEM_CATEGORIES, i);
        int c = itemCluster[i];
        int[] result = new int[3];
        int n = 0;
        result[n++] = clusterPrimaryCategory[c];
        if (clusterSecondaryCategory[c] >= 0 && r.nextDouble() < 0.45) {
            result[n++] = clusterSecondaryCategory[c];
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
        SplittableRandom r = random(p.seed(), ITEM_TEXT, i);
        String[] themes = clusterThemes[itemCluster[i]];
        String[] nouns = categoryNouns[categories[0]];
        String theme = themes[r.nextInt(themes.length)];
        String noun = nouns[r.nextInt(nouns.length)];
        String adjective = Words.ADJECTIVES.get(r.nextInt(Words.ADJECTIVES.size()));
        StringBuilder title = new StringBuilder();
        int b = itemBrand[i];
        if (b >= 0 && r.nextDouble() < 0.6) {
            title.append(brandNames[b]).append(' ');
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
                + categoryNames[categories[0]] + " range" + (categories.length > 1 ? " (also great for "
                + categoryNames[categories[1]] + ")" : "") + ". "
                + Words.PHRASES.get(r.nextInt(Words.PHRASES.size()));
        return new String[] {title.toString(), description};
    }

    /** The text vector of item {@code i} (unit length, like a sentence encoder's). */
    void textVector(int i, int primaryCategory, float[] out) {
        project(textProjection, i, out);
        SplittableRandom r = random(p.seed(), TEXT_NOISE_STREAM, i);
        int dim = out.length;
        double norm = 0;
        for (int k = 0; k < dim; k++) {
            out[k] += categoryText[primaryCategory * dim + k] + (float) (TEXT_NOISE * r.nextGaussian());
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
        SplittableRandom r = random(p.seed(), IMAGE_NOISE_STREAM, i);
        int dim = out.length;
        int b = itemBrand[i];
        for (int k = 0; k < dim; k++) {
            out[k] += (b >= 0 ? brandImage[b * dim + k] : 0) + (float) (IMAGE_NOISE * r.nextGaussian());
        }
    }

    private void project(float[] matrix, int i, float[] out) {
        int base = i * d;
        for (int k = 0; k < out.length; k++) {
            double sum = 0;
            int row = k * d;
            for (int j = 0; j < d; j++) {
                sum += matrix[row + j] * itemFactor[base + j];
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
                double weight = firstHalf == firstHalfStrong ? 1 : WEAK_HALF;
                m[k * d + j] = (float) (scale * weight * r.nextGaussian());
            }
        }
        return m;
    }

    // ---- users

    /** Fills {@code h} with the interactions of user {@code u}, in timestamp order. */
    void history(int u, History h) {
        SplittableRandom r = random(p.seed(), USER, u);
        int n = activity[u];
        h.reset(n);
        double x = r.nextDouble();
        int k = x < 0.45 ? 1 : x < 0.80 ? 2 : 3;
        int z = p.clusters();
        k = Math.min(k, z);
        int found = 0;
        for (int attempt = 0; found < k && attempt < 20; attempt++) {
            int c = clusterForUser.sample(r);
            boolean fresh = true;
            for (int j = 0; j < found; j++) {
                fresh &= h.clusters[j] != c;
            }
            if (fresh) {
                h.clusters[found] = c;
                h.clusterWeights[found] = found == 0 ? 1 : 0.2 + 0.5 * r.nextDouble();
                found++;
            }
        }
        h.clusterCount = found;
        double total = 0;
        for (int j = 0; j < found; j++) {
            total += h.clusterWeights[j];
        }
        double spread = USER_SPREAD / Math.sqrt(d);
        for (int q = 0; q < d; q++) {
            double v = spread * r.nextGaussian();
            for (int j = 0; j < found; j++) {
                v += h.clusterWeights[j] / total * centres[h.clusters[j] * d + q];
            }
            h.taste[q] = (float) v;
        }
        double tasteNorm = 0;
        for (int q = 0; q < d; q++) {
            tasteNorm += h.taste[q] * h.taste[q];
        }
        h.tasteNorm = (float) Math.sqrt(tasteNorm);
        for (int j = 1; j < found; j++) {
            h.clusterWeights[j] += h.clusterWeights[j - 1];
        }

        long start = SyntheticParameters.START_EPOCH_SECOND;
        long period = p.endEpochSecond() - start;
        long first = Math.min(start + (long) (period * Math.sqrt(r.nextDouble())), p.endEpochSecond() - 3600);
        long last = first + (long) ((p.endEpochSecond() - first) * (0.5 + 0.5 * r.nextDouble()));
        last = Math.max(first + 1, Math.min(last, p.endEpochSecond()));
        for (int j = 0; j < n; j++) {
            h.times[j] = first + (long) (r.nextDouble() * (last - first));
        }
        Arrays.sort(h.times, 0, n);
        for (int j = 0; j < n; j++) {
            int item = choose(r, h, h.times[j]);
            h.items[j] = item;
            double cosine = affinity(h, item);
            long rating = Math.round(3.3 + 2.2 * cosine + 0.9 * r.nextGaussian());
            h.ratings[j] = (byte) Math.max(1, Math.min(5, rating));
        }
        h.count = n;
    }

    private int choose(SplittableRandom r, History h, long time) {
        for (int attempt = 0; attempt < 64; attempt++) {
            double x = r.nextDouble();
            int candidate;
            if (attempt < 24 && x < PREFERRED_CLUSTER_SHARE && h.clusterCount > 0) {
                candidate = bestOfCluster(r, h, time);
            } else if (attempt < 48 && x < PREFERRED_CLUSTER_SHARE + POPULAR_SHARE) {
                candidate = globalWarm[globalSampler.sample(r)];
            } else {
                candidate = launchWarm[r.nextInt(launchWarm.length)];
            }
            if (candidate >= 0 && itemRelease[candidate] <= time && h.seen.add(candidate)) {
                return candidate;
            }
        }
        int offset = r.nextInt(launchWarm.length);
        for (int j = 0; j < launchWarm.length; j++) {
            int candidate = launchWarm[(offset + j) % launchWarm.length];
            if (h.seen.add(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no unseen item left for a user: activity cap violated");
    }

    private int bestOfCluster(SplittableRandom r, History h, long time) {
        double y = r.nextDouble() * h.clusterWeights[h.clusterCount - 1];
        int j = 0;
        while (j < h.clusterCount - 1 && y >= h.clusterWeights[j]) {
            j++;
        }
        int c = h.clusters[j];
        AliasSampler sampler = clusterSampler[c];
        if (sampler == null) {
            return -1;
        }
        int best = -1;
        double bestAffinity = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < TOURNAMENT; t++) {
            int candidate = clusterWarm[c][sampler.sample(r)];
            if (itemRelease[candidate] > time || h.seen.contains(candidate)) {
                continue;
            }
            double a = affinity(h, candidate);
            if (a > bestAffinity) {
                bestAffinity = a;
                best = candidate;
            }
        }
        return best;
    }

    private double affinity(History h, int item) {
        double dot = 0;
        int base = item * d;
        for (int q = 0; q < d; q++) {
            dot += h.taste[q] * itemFactor[base + q];
        }
        return dot / (h.tasteNorm * itemNorm[item] + 1e-12);
    }

    /** A per-user 8:1:1 train/valid/test assignment (0/1/2) of the user's {@code count} interactions. */
    static void randomSplit(long seed, int user, int count, byte[] out) {
        int valid = Math.max(count >= 3 ? 1 : 0, (int) Math.round(count * 0.1));
        int test = valid;
        Arrays.fill(out, 0, count, (byte) 0);
        int[] order = permutation(random(seed, SPLIT, user), count);
        for (int j = 0; j < valid + test && j < count; j++) {
            out[order[j]] = (byte) (j < valid ? 1 : 2);
        }
    }

    // ---- helpers

    private static int[] allocateActivity(SplittableRandom r, int users, long total, int cap) {
        int[] n = new int[users];
        double[] w = new double[users];
        double sum = 0;
        for (int u = 0; u < users; u++) {
            w[u] = Math.exp(ACTIVITY_SIGMA * r.nextGaussian());
            sum += w[u];
        }
        long extra = total - (long) SyntheticParameters.MIN_ACTIVITY * users;
        long assigned = 0;
        for (int u = 0; u < users; u++) {
            long add = (long) Math.floor(extra * w[u] / sum);
            n[u] = (int) Math.min(cap, SyntheticParameters.MIN_ACTIVITY + add);
            assigned += n[u];
        }
        long missing = total - assigned;
        int u = r.nextInt(users);
        while (missing > 0) {
            if (n[u] < cap) {
                n[u]++;
                missing--;
            }
            u = u + 1 == users ? 0 : u + 1;
        }
        return n;
    }

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

    private static int[][] groupByCluster(int[] cluster, int clusters, java.util.function.IntPredicate keep) {
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

    private static int[] select(int n, java.util.function.IntPredicate keep) {
        return java.util.stream.IntStream.range(0, n).filter(keep).toArray();
    }

    static int[] permutation(SplittableRandom r, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return shuffle(r, a);
    }

    private static int[] shuffle(SplittableRandom r, int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }

    private static void gaussianUnit(SplittableRandom r, float[] out, int offset, int length) {
        double norm = 0;
        for (int k = 0; k < length; k++) {
            double v = r.nextGaussian();
            out[offset + k] = (float) v;
            norm += v * v;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int k = 0; k < length; k++) {
            out[offset + k] *= scale;
        }
    }

    /** An independent random stream for (seed, purpose, index), so output does not depend on production order. */
    static SplittableRandom random(long seed, long purpose, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + purpose * 0xBF58476D1CE4E5B9L + (index + 1) * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return new SplittableRandom(z ^ (z >>> 31));
    }

    /** Reusable buffers for one user's interactions (no per-interaction objects). */
    static final class History {
        int count;
        int[] items = new int[16];
        long[] times = new long[16];
        byte[] ratings = new byte[16];
        byte[] splits = new byte[16];
        final int[] clusters = new int[3];
        final double[] clusterWeights = new double[3];
        int clusterCount;
        final float[] taste;
        float tasteNorm;
        final IntSet seen = new IntSet();

        History(int latentDim) {
            taste = new float[latentDim];
        }

        void reset(int n) {
            if (items.length < n) {
                int size = Math.max(n, items.length * 2);
                items = new int[size];
                times = new long[size];
                ratings = new byte[size];
                splits = new byte[size];
            }
            count = 0;
            seen.clear(n);
        }
    }

    /** Open-addressing set of non-negative ints; clearing costs O(entries), not O(capacity). */
    static final class IntSet {
        private int[] table = new int[64];
        private int mask = 63;
        private int[] usedSlots = new int[32];
        private int size;

        IntSet() {
            Arrays.fill(table, -1);
        }

        /** Empties the set and makes room for {@code expected} entries at load factor at most 1/2. */
        void clear(int expected) {
            if (table.length < 2 * expected) {
                int capacity = Integer.highestOneBit(2 * expected - 1) << 1;
                table = new int[capacity];
                mask = capacity - 1;
                Arrays.fill(table, -1);
                usedSlots = new int[capacity / 2 + 1];
            } else {
                for (int j = 0; j < size; j++) {
                    table[usedSlots[j]] = -1;
                }
            }
            size = 0;
        }

        private int slot(int key) {
            return (key * 0x9E3779B9 >>> 8) & mask;
        }

        boolean contains(int key) {
            int slot = slot(key);
            while (table[slot] != -1) {
                if (table[slot] == key) {
                    return true;
                }
                slot = (slot + 1) & mask;
            }
            return false;
        }

        boolean add(int key) {
            int slot = slot(key);
            while (table[slot] != -1) {
                if (table[slot] == key) {
                    return false;
                }
                slot = (slot + 1) & mask;
            }
            table[slot] = key;
            usedSlots[size++] = slot;
            return true;
        }
    }
}
