package org.graphrec.importer.synthetic;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.graphrec.importer.synthetic.SeededRandom.Purpose;

/**
 * How the users of a synthetic catalogue ({@link SyntheticCatalogue}) behave: how active each is, which clusters
 * each prefers, what they choose when, how they rate it, and the per-user train/valid/test split.
 *
 * <p>User activity is lognormal (σ = 1.2) on top of a minimum of 3, scaled to the requested total. A user prefers
 * 1–3 clusters; their taste vector mixes those centres plus noise. Each choice is, with probability 0.72, the
 * best-liked of three popularity draws from a preferred cluster, with 0.18 a popularity draw from the whole
 * catalogue, otherwise a uniform draw (noise). Ratings grow with the cosine of taste and item.
 */
final class Shoppers {

    private final SyntheticCatalogue w;
    private final SyntheticParameters p;
    private final int d;
    /** Interactions of each user. */
    final int[] activity;
    private final AliasSampler clusterForUser;
    private final AliasSampler[] clusterSampler;
    private final int[][] clusterWarm;
    private final AliasSampler globalSampler;
    private final int[] globalWarm;
    private final int[] launchWarm;

    /**
     * Builds the popularity samplers over the warm items (no random draws) and then draws each user's activity from
     * {@code r}, the world's structure stream.
     */
    Shoppers(SyntheticCatalogue world, double[] popularity, SplittableRandom r) {
        this.w = world;
        this.p = world.p;
        this.d = world.d;
        int items = p.items();
        int z = p.clusters();
        boolean[] cold = world.cold;
        clusterWarm = SyntheticCatalogue.groupByCluster(world.itemCluster, z, i -> !cold[i]);
        clusterSampler = new AliasSampler[z];
        double[] clusterMass = new double[z];
        for (int c = 0; c < z; c++) {
            int[] members = clusterWarm[c];
            if (members.length == 0) {
                continue;
            }
            double[] weights = new double[members.length];
            for (int j = 0; j < members.length; j++) {
                weights[j] = popularity[members[j]];
                clusterMass[c] += weights[j];
            }
            clusterSampler[c] = new AliasSampler(weights);
        }
        clusterForUser = new AliasSampler(clusterMass);
        globalWarm = SyntheticCatalogue.select(items, i -> !cold[i]);
        double[] globalWeights = new double[globalWarm.length];
        for (int j = 0; j < globalWarm.length; j++) {
            globalWeights[j] = popularity[globalWarm[j]];
        }
        globalSampler = new AliasSampler(globalWeights);
        long[] release = world.itemRelease;
        launchWarm = SyntheticCatalogue.select(items,
                i -> !cold[i] && release[i] == SyntheticParameters.START_EPOCH_SECOND);
        activity = allocateActivity(r, p.users(), p.interactions(), Math.min(SyntheticParameters.maxActivity(items),
                launchWarm.length / 2));
    }

    /** Fills {@code h} with the interactions of user {@code u}, in timestamp order. */
    void history(int u, History h) {
        SplittableRandom r = SeededRandom.random(p.seed(), Purpose.USER, u);
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
        double spread = SyntheticCatalogue.USER_SPREAD / Math.sqrt(d);
        for (int q = 0; q < d; q++) {
            double v = spread * r.nextGaussian();
            for (int j = 0; j < found; j++) {
                v += h.clusterWeights[j] / total * w.centres[h.clusters[j] * d + q];
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
            if (attempt < 24 && x < SyntheticCatalogue.PREFERRED_CLUSTER_SHARE && h.clusterCount > 0) {
                candidate = bestOfCluster(r, h, time);
            } else if (attempt < 48
                    && x < SyntheticCatalogue.PREFERRED_CLUSTER_SHARE + SyntheticCatalogue.POPULAR_SHARE) {
                candidate = globalWarm[globalSampler.sample(r)];
            } else {
                candidate = launchWarm[r.nextInt(launchWarm.length)];
            }
            if (candidate >= 0 && w.itemRelease[candidate] <= time && h.seen.add(candidate)) {
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
        for (int t = 0; t < SyntheticCatalogue.TOURNAMENT; t++) {
            int candidate = clusterWarm[c][sampler.sample(r)];
            if (w.itemRelease[candidate] > time || h.seen.contains(candidate)) {
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
            dot += h.taste[q] * w.itemFactor[base + q];
        }
        return dot / (h.tasteNorm * w.itemNorm[item] + 1e-12);
    }

    /** A per-user 8:1:1 train/valid/test assignment (0/1/2) of the user's {@code count} interactions. */
    static void randomSplit(long seed, int user, int count, byte[] out) {
        int valid = Math.max(count >= 3 ? 1 : 0, (int) Math.round(count * 0.1));
        int test = valid;
        Arrays.fill(out, 0, count, (byte) 0);
        int[] order = SeededRandom.permutation(SeededRandom.random(seed, Purpose.SPLIT, user), count);
        for (int j = 0; j < valid + test && j < count; j++) {
            out[order[j]] = (byte) (j < valid ? 1 : 2);
        }
    }

    private static int[] allocateActivity(SplittableRandom r, int users, long total, int cap) {
        int[] n = new int[users];
        double[] w = new double[users];
        double sum = 0;
        for (int u = 0; u < users; u++) {
            w[u] = Math.exp(SyntheticCatalogue.ACTIVITY_SIGMA * r.nextGaussian());
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
}
