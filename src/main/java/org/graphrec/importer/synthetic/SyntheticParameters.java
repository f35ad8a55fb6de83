package org.graphrec.importer.synthetic;

import java.util.Locale;
import org.graphrec.config.UserException;

/**
 * What {@code generate} builds: sizes, dimensions, time span and seed of a synthetic catalogue. Instances are
 * validated and complete (no defaults left to resolve); build them with {@link #builder()}.
 *
 * @param users        number of users (each gets at least 3 interactions)
 * @param items        number of items, including cold-start items without interactions
 * @param brands       number of brands (each brand is used by at least one item)
 * @param categories   number of categories
 * @param clusters     number of latent taste clusters
 * @param interactions total number of user–item interactions (no duplicate pairs)
 * @param textDim      dimension of the text vectors
 * @param imageDim     dimension of the image vectors
 * @param latentDim    dimension of the hidden item/user factors the observable data is derived from
 * @param periodDays   length of the time span the timestamps cover, ending at {@link #endEpochSecond()}
 * @param days         number of daily increments split off the end of the period (0 = one bundle)
 * @param seed         seed of every random step: the same parameters give byte-identical files
 * @param layout       directory layout written
 */
public record SyntheticParameters(int users, int items, int brands, int categories, int clusters, long interactions,
        int textDim, int imageDim, int latentDim, int periodDays, int days, long seed, Layout layout) {

    /** Output layouts. */
    public enum Layout {
        /** The CSV bundle of {@code graph-import/BUNDLE-FORMAT.md}. */
        BUNDLE,
        /** An MMRec dataset directory ({@code <name>.inter}, {@code <modality>_feat.npy}, id mappings). */
        MMREC
    }

    /** The first second of the period: 2024-01-01T00:00:00Z. */
    public static final long START_EPOCH_SECOND = 1_704_067_200L;
    /** Largest vector dimension a Neo4j 5.26 vector index accepts. */
    public static final int MAX_DIMENSION = 4096;
    /** Mean interactions per user when neither {@code --interactions} nor {@code --mean-activity} is given. */
    public static final double DEFAULT_MEAN_ACTIVITY = 10;
    /** Every user gets at least this many interactions. */
    public static final int MIN_ACTIVITY = 3;

    public SyntheticParameters {
        positive("--users", users);
        positive("--items", items);
        positive("--brands", brands);
        positive("--categories", categories);
        positive("--clusters", clusters);
        dimension("--text-dim", textDim);
        dimension("--image-dim", imageDim);
        positive("latent dimension", latentDim);
        positive("period days", periodDays);
        if (items < 10) {
            throw new UserException("--items must be at least 10, found " + items);
        }
        if (brands > items) {
            throw new UserException("--brands must not exceed --items (each brand needs an item), found "
                    + brands + " brands for " + items + " items");
        }
        if (clusters > items) {
            throw new UserException("--clusters must not exceed --items, found " + clusters + " clusters for "
                    + items + " items");
        }
        if (days < 0 || days >= periodDays) {
            throw new UserException("--days must be between 0 and " + (periodDays - 1) + ", found " + days);
        }
        if (interactions < (long) MIN_ACTIVITY * users) {
            throw new UserException(String.format(Locale.ROOT, "--interactions must be at least %d (%d per user "
                    + "for %,d users), found %,d", (long) MIN_ACTIVITY * users, MIN_ACTIVITY, users, interactions));
        }
        long most = (long) maxActivity(items) * users;
        if (interactions > most) {
            throw new UserException(String.format(Locale.ROOT, "--interactions must be at most %,d (a user can "
                    + "interact with at most %,d of the %,d items), found %,d: add items or users", most,
                    maxActivity(items), items, interactions));
        }
        if (layout == null) {
            throw new UserException("--layout must be bundle or mmrec");
        }
        if (layout == Layout.MMREC && days > 0) {
            throw new UserException("--days needs --layout bundle (an MMRec directory has no increments), found "
                    + "--days " + days + " with --layout mmrec");
        }
    }

    /** The builder, with defaults for everything but users, items, brands and seed. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of items never interacted with (cold start): 1 % of the items, at least one. */
    public static int coldItems(int items) {
        return Math.max(1, (int) Math.round(items * 0.01));
    }

    /** Number of items released during the period rather than at its start: 20 % of the items. */
    public static int lateItems(int items) {
        return (int) Math.round(items * 0.20);
    }

    /** The most interactions one user can have: half of the items that are not cold and exist from the start. */
    public static int maxActivity(int items) {
        return Math.max(MIN_ACTIVITY, (items - coldItems(items) - lateItems(items)) / 2);
    }

    /** Default number of taste clusters: about sqrt(items)/4, between 2 and 200. */
    public static int defaultClusters(int items) {
        return (int) Math.max(2, Math.min(200, Math.round(Math.sqrt(items) / 4)));
    }

    /** Default number of categories: three quarters of the clusters (categories are coarser), 2–40. */
    public static int defaultCategories(int clusters) {
        return (int) Math.max(2, Math.min(40, Math.round(clusters * 0.75)));
    }

    /** The second after the last timestamp of the period. */
    public long endEpochSecond() {
        return START_EPOCH_SECOND + periodDays * 86_400L;
    }

    /** Timestamps at or after this second belong to the daily increments (the end when there are none). */
    public long incrementStartEpochSecond() {
        return endEpochSecond() - days * 86_400L;
    }

    /** Mean interactions per user. */
    public double meanActivity() {
        return (double) interactions / users;
    }

    /** The dataset name used in manifests and file names: {@code synthetic-s<seed>}. */
    public String name() {
        return "synthetic-s" + seed;
    }

    private static void positive(String option, long value) {
        if (value <= 0) {
            throw new UserException(option + " must be a positive number, found " + value);
        }
    }

    private static void dimension(String option, int value) {
        if (value <= 0 || value > MAX_DIMENSION) {
            throw new UserException(option + " must be between 1 and " + MAX_DIMENSION + " (the largest vector "
                    + "index dimension), found " + value);
        }
    }

    /** Collects options; {@code null} means "use the default". */
    public static final class Builder {
        private Integer users;
        private Integer items;
        private Integer brands;
        private Integer categories;
        private Integer clusters;
        private Long interactions;
        private Double meanActivity;
        private int textDim = 64;
        private int imageDim = 64;
        private int latentDim = 32;
        private int periodDays = 365;
        private int days;
        private long seed = 42;
        private Layout layout = Layout.BUNDLE;

        public Builder users(Integer value) { users = value; return this; }
        public Builder items(Integer value) { items = value; return this; }
        public Builder brands(Integer value) { brands = value; return this; }
        public Builder categories(Integer value) { categories = value; return this; }
        public Builder clusters(Integer value) { clusters = value; return this; }
        public Builder interactions(Long value) { interactions = value; return this; }
        public Builder meanActivity(Double value) { meanActivity = value; return this; }
        public Builder textDim(int value) { textDim = value; return this; }
        public Builder imageDim(int value) { imageDim = value; return this; }
        public Builder latentDim(int value) { latentDim = value; return this; }
        public Builder periodDays(int value) { periodDays = value; return this; }
        public Builder days(int value) { days = value; return this; }
        public Builder seed(long value) { seed = value; return this; }
        public Builder layout(Layout value) { layout = value; return this; }

        /** Resolves defaults and validates; every problem is a one-line {@link UserException}. */
        public SyntheticParameters build() {
            int u = required("--users", users);
            int m = required("--items", items);
            int b = required("--brands", brands);
            positive("--users", u);
            positive("--items", m);
            positive("--brands", b);
            if (interactions != null && meanActivity != null) {
                throw new UserException("give either --interactions or --mean-activity, not both");
            }
            int z = clusters != null ? clusters : (int) Math.min(defaultClusters(m), Math.max(1, m / 2));
            int c = categories != null ? categories : defaultCategories(z);
            long k;
            if (interactions != null) {
                k = interactions;
            } else if (meanActivity != null) {
                if (!(meanActivity >= MIN_ACTIVITY) || meanActivity.isInfinite()) {
                    throw new UserException("--mean-activity must be at least " + MIN_ACTIVITY
                            + " (every user has at least " + MIN_ACTIVITY + " interactions), found " + meanActivity);
                }
                k = Math.round(meanActivity * u);
            } else {
                k = Math.min(Math.round(DEFAULT_MEAN_ACTIVITY * u), (long) maxActivity(m) * u);
            }
            return new SyntheticParameters(u, m, b, c, z, k, textDim, imageDim, latentDim, periodDays, days, seed,
                    layout);
        }

        private static int required(String option, Integer value) {
            if (value == null) {
                throw new UserException(option + " is required (e.g. generate --users 1000 --items 500 --brands 40 "
                        + "--seed 1 --out data/synthetic)");
            }
            return value;
        }
    }
}
