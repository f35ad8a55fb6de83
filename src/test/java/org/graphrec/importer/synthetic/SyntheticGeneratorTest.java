package org.graphrec.importer.synthetic;

import org.graphrec.importer.NpyWriter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.graphrec.config.UserException;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticGeneratorTest {

    private static final int USERS = 1500;
    private static final int ITEMS = 900;
    private static final int BRANDS = 60;
    private static final long INTERACTIONS = 18_000;

    @TempDir
    static Path shared;
    static Path bundle;
    static SyntheticResult result;

    @TempDir
    Path dir;

    static SyntheticParameters parameters(long seed, int days) {
        return SyntheticParameters.builder().users(USERS).items(ITEMS).brands(BRANDS).seed(seed)
                .interactions(INTERACTIONS).days(days).build();
    }

    static SyntheticResult generate(SyntheticParameters p, Path out) {
        return new SyntheticGenerator(p).generate(out, false, ProgressTracker.none());
    }

    @BeforeAll
    static void generateOnce() {
        bundle = shared.resolve("bundle");
        result = generate(parameters(7, 0), bundle);
    }

    @Test
    void sameSeedGivesByteIdenticalFilesAndAnotherSeedDifferentOnes() throws IOException {
        Path again = dir.resolve("again");
        // a different thread count must not change a byte (the shared bundle used the default)
        int threads = SyntheticGenerator.defaultThreads() == 1 ? 3 : 1;
        new SyntheticGenerator(parameters(7, 0), threads).generate(again, false, ProgressTracker.none());
        for (String name : List.of("bundle.properties", "users.csv", "items.csv", "interactions.csv", "text.npy",
                "image.npy", SyntheticGenerator.CLUSTERS_FILE)) {
            assertThat(Files.mismatch(bundle.resolve(name), again.resolve(name))).as(name).isEqualTo(-1L);
        }
        Path other = dir.resolve("other");
        generate(parameters(8, 0), other);
        for (String name : List.of("items.csv", "interactions.csv", "text.npy", "image.npy")) {
            assertThat(Files.mismatch(bundle.resolve(name), other.resolve(name))).as(name).isNotEqualTo(-1L);
        }
    }

    @Test
    void writesTheManifestOfTheBundleFormat() throws IOException {
        Properties manifest = new Properties();
        try (var in = Files.newBufferedReader(bundle.resolve("bundle.properties"))) {
            manifest.load(in);
        }
        assertThat(manifest).containsEntry("name", "synthetic-s7").containsEntry("csv.separator", ",")
                .containsEntry("users.file", "users.csv").containsEntry("users.id", "user_id")
                .containsEntry("items.file", "items.csv").containsEntry("items.id", "item_id")
                .containsEntry("items.title", "title").containsEntry("items.description", "description")
                .containsEntry("items.brand", "brand").containsEntry("items.categories", "categories")
                .containsEntry("items.categories.separator", "|")
                .containsEntry("interactions.file", "interactions.csv")
                .containsEntry("interactions.user", "user_id").containsEntry("interactions.item", "item_id")
                .containsEntry("interactions.rating", "rating").containsEntry("interactions.timestamp", "timestamp")
                .containsEntry("embedding.text.file", "text.npy").containsEntry("embedding.image.file", "image.npy");
        assertThat(manifest).hasSize(18);
        for (Object file : List.of("users.csv", "items.csv", "interactions.csv", "text.npy", "image.npy")) {
            assertThat(bundle.resolve((String) file)).exists();
        }
        assertThat(BundleFiles.header(bundle.resolve("items.csv")))
                .isEqualTo("item_id,title,description,brand,categories");
        assertThat(BundleFiles.header(bundle.resolve("interactions.csv")))
                .isEqualTo("user_id,item_id,rating,timestamp");
        assertThat(BundleFiles.header(bundle.resolve("users.csv"))).isEqualTo("user_id");
    }

    @Test
    void countsMatchAndInvariantsHold() throws IOException {
        List<List<String>> users = BundleFiles.csv(bundle.resolve("users.csv"));
        List<List<String>> items = BundleFiles.csv(bundle.resolve("items.csv"));
        List<List<String>> interactions = BundleFiles.csv(bundle.resolve("interactions.csv"));
        assertThat(users).hasSize(USERS);
        assertThat(items).hasSize(ITEMS);
        assertThat(interactions).hasSize((int) INTERACTIONS);
        assertThat(result.interactions()).isEqualTo(INTERACTIONS);
        Set<String> userIds = new HashSet<>();
        users.forEach(row -> assertThat(userIds.add(row.get(0))).isTrue());
        Set<String> itemIds = new HashSet<>();
        for (List<String> row : items) {
            assertThat(row).hasSize(5);
            assertThat(itemIds.add(row.get(0))).as("unique item id").isTrue();
            assertThat(row.get(1)).isNotBlank();
            assertThat(row.get(2)).isNotBlank();
            assertThat(row.get(4)).isNotBlank();
        }
        Set<String> pairs = new HashSet<>();
        Map<String, Integer> perUser = new HashMap<>();
        Map<String, Long> lastTime = new HashMap<>();
        long start = SyntheticParameters.START_EPOCH_SECOND;
        long end = start + 365 * 86_400L;
        for (List<String> row : interactions) {
            assertThat(row).hasSize(4);
            assertThat(userIds).contains(row.get(0));
            assertThat(itemIds).contains(row.get(1));
            assertThat(pairs.add(row.get(0) + " " + row.get(1))).as("duplicate pair %s", row).isTrue();
            assertThat(Integer.parseInt(row.get(2))).isBetween(1, 5);
            long t = Long.parseLong(row.get(3));
            assertThat(t).isBetween(start, end - 1);
            Long previous = lastTime.put(row.get(0), t);
            assertThat(previous == null || previous <= t).as("per-user rows in time order").isTrue();
            perUser.merge(row.get(0), 1, Integer::sum);
        }
        assertThat(perUser).hasSize(USERS);
        assertThat(perUser.values()).allMatch(n -> n >= 3);
        assertThat(perUser.values().stream().mapToInt(Integer::intValue).max().orElseThrow())
                .as("heavy users exist").isGreaterThan(60);
    }

    @Test
    void itemPopularityIsHeavyTailed() throws IOException {
        Map<String, Integer> perItem = new HashMap<>();
        BundleFiles.csv(bundle.resolve("interactions.csv")).forEach(row -> perItem.merge(row.get(1), 1, Integer::sum));
        int[] counts = perItem.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        long top = 0;
        for (int j = 0; j < ITEMS / 10; j++) {
            top += counts[counts.length - 1 - j];
        }
        assertThat((double) top / INTERACTIONS).as("share of the top 10%% of items").isGreaterThan(0.35);
    }

    @Test
    void npyFilesHaveValidHeadersAndOneRowPerItemInOrder() throws IOException {
        BundleFiles.Npy text = BundleFiles.npy(bundle.resolve("text.npy"));
        BundleFiles.Npy image = BundleFiles.npy(bundle.resolve("image.npy"));
        assertThat(text.rows()).isEqualTo(ITEMS);
        assertThat(text.columns()).isEqualTo(64);
        assertThat(image.rows()).isEqualTo(ITEMS);
        assertThat(image.columns()).isEqualTo(64);
        for (float v : text.data()) {
            assertThat(Float.isFinite(v)).isTrue();
        }
        for (int r = 0; r < ITEMS; r++) {
            double norm = Math.sqrt(BundleFiles.cosine(text.row(r), text.row(r)) * 0 + dot(text.row(r)));
            assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void npyHeaderIsPaddedToSixtyFourBytesForAnyShape() throws IOException {
        for (long rows : new long[] {0, 1, 9, 123_456_789L}) {
            for (int columns : new int[] {1, 64, 4096}) {
                byte[] header = NpyWriter.header("<f4", false, "(" + rows + ", " + columns + ")");
                assertThat(header.length % 64).isZero();
                assertThat(header[header.length - 1]).isEqualTo((byte) '\n');
                assertThat(new String(header, 10, header.length - 10, java.nio.charset.StandardCharsets.US_ASCII))
                        .startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (" + rows + ", " + columns
                                + "), }");
            }
        }
        Path file = dir.resolve("small.npy");
        try (NpyWriter writer = NpyWriter.create(file, "<f4", 2, 3)) {
            writer.write(new float[] {1f, -2.5f, 0f});
            writer.write(new float[] {3.25f, Float.MIN_VALUE, 1e30f});
        }
        BundleFiles.Npy npy = BundleFiles.npy(file);
        assertThat(npy.data()).containsExactly(1f, -2.5f, 0f, 3.25f, Float.MIN_VALUE, 1e30f);
        assertThat(Files.size(file)).isEqualTo(128 + 24);
        assertThatThrownBy(() -> {
            try (NpyWriter writer = NpyWriter.create(dir.resolve("short.npy"), "<f4", 2, 3)) {
                writer.write(new float[] {1, 2, 3});
            }
        }).hasMessageContaining("declared 2 rows but 1 were written");
    }

    @Test
    void eachModalityCarriesClusterSignal() throws IOException {
        int[] cluster = clusters(bundle);
        for (String name : List.of("text.npy", "image.npy")) {
            BundleFiles.Npy npy = BundleFiles.npy(bundle.resolve(name));
            double same = 0;
            double different = 0;
            int sameCount = 0;
            int differentCount = 0;
            for (int a = 0; a < ITEMS; a += 3) {
                for (int b = a + 1; b < ITEMS; b += 7) {
                    double cos = BundleFiles.cosine(npy.row(a), npy.row(b));
                    if (cluster[a] == cluster[b]) {
                        same += cos;
                        sameCount++;
                    } else {
                        different += cos;
                        differentCount++;
                    }
                }
            }
            same /= sameCount;
            different /= differentCount;
            assertThat(same).as("%s: mean cosine within clusters vs %f across", name, different)
                    .isGreaterThan(different + 0.1);
        }
    }

    @Test
    void coldItemsHaveVectorsBrandsButNoInteractions() throws IOException {
        Set<String> interacted = new HashSet<>();
        BundleFiles.csv(bundle.resolve("interactions.csv")).forEach(row -> interacted.add(row.get(1)));
        List<List<String>> items = BundleFiles.csv(bundle.resolve("items.csv"));
        List<List<String>> cold = items.stream().filter(row -> !interacted.contains(row.get(0))).toList();
        assertThat(cold.size()).isGreaterThanOrEqualTo(SyntheticParameters.coldItems(ITEMS))
                .isEqualTo(result.coldItems());
        assertThat(cold).anyMatch(row -> !row.get(3).isEmpty());
        BundleFiles.Npy text = BundleFiles.npy(bundle.resolve("text.npy"));
        int row = items.indexOf(cold.get(0));
        assertThat(dot(text.row(row))).isGreaterThan(0.5);
    }

    @Test
    void brandsBelongMostlyToOneClusterAndSomeItemsHaveNone() throws IOException {
        int[] cluster = clusters(bundle);
        List<List<String>> items = BundleFiles.csv(bundle.resolve("items.csv"));
        Map<String, Map<Integer, Integer>> brandClusters = new TreeMap<>();
        int unbranded = 0;
        for (int i = 0; i < items.size(); i++) {
            String brand = items.get(i).get(3);
            if (brand.isEmpty()) {
                unbranded++;
            } else {
                brandClusters.computeIfAbsent(brand, b -> new TreeMap<>()).merge(cluster[i], 1, Integer::sum);
            }
        }
        assertThat(brandClusters).hasSize(BRANDS);
        assertThat(unbranded).isEqualTo(result.unbrandedItems()).isBetween(ITEMS / 50, ITEMS / 10);
        int inTopCluster = 0;
        int branded = 0;
        for (Map<Integer, Integer> counts : brandClusters.values()) {
            inTopCluster += counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            branded += counts.values().stream().mapToInt(Integer::intValue).sum();
        }
        assertThat((double) inTopCluster / branded).as("share of items in their brand's main cluster")
                .isGreaterThan(0.7);
    }

    @Test
    void categoriesFollowClustersAndTitlesShareClusterWords() throws IOException {
        int[] cluster = clusters(bundle);
        List<List<String>> items = BundleFiles.csv(bundle.resolve("items.csv"));
        Map<Integer, Map<String, Integer>> firstCategory = new TreeMap<>();
        for (int i = 0; i < items.size(); i++) {
            String first = items.get(i).get(4).split("\\|")[0];
            firstCategory.computeIfAbsent(cluster[i], c -> new TreeMap<>()).merge(first, 1, Integer::sum);
        }
        assertThat(firstCategory.values()).allMatch(counts -> counts.size() == 1);
        assertThat(items).anyMatch(row -> row.get(4).contains("|"));
        assertThat(items).anyMatch(row -> row.get(1).contains("\"") || row.get(1).contains(","));
    }

    @Test
    void ratingsAreHigherInsideAUsersFavouriteCluster() throws IOException {
        int[] cluster = clusters(bundle);
        List<List<String>> interactions = BundleFiles.csv(bundle.resolve("interactions.csv"));
        Map<String, Map<Integer, Integer>> userClusters = new HashMap<>();
        for (List<String> row : interactions) {
            userClusters.computeIfAbsent(row.get(0), u -> new TreeMap<>())
                    .merge(cluster[index(row.get(1))], 1, Integer::sum);
        }
        Map<String, Integer> favourite = new HashMap<>();
        userClusters.forEach((user, counts) -> favourite.put(user, counts.entrySet().stream()
                .max(Map.Entry.comparingByValue()).orElseThrow().getKey()));
        double inside = 0;
        double outside = 0;
        int insideCount = 0;
        int outsideCount = 0;
        int preferred = 0;
        for (List<String> row : interactions) {
            int rating = Integer.parseInt(row.get(2));
            if (favourite.get(row.get(0)) == cluster[index(row.get(1))]) {
                inside += rating;
                insideCount++;
            } else {
                outside += rating;
                outsideCount++;
            }
        }
        assertThat(inside / insideCount).isGreaterThan(outside / outsideCount + 0.5);
        assertThat((double) insideCount / interactions.size()).as("share of choices in the favourite cluster")
                .isGreaterThan(0.4);
    }

    @Test
    void dailyIncrementsTogetherAreTheFullCatalogue() throws IOException {
        Path split = dir.resolve("split");
        SyntheticResult increments = generate(parameters(7, 3), split);
        assertThat(increments.bundles()).hasSize(4);
        assertThat(split.resolve("day-01/bundle.properties")).exists();
        assertThat(split.resolve("day-03/bundle.properties")).exists();
        List<Path> parts = List.of(split, split.resolve("day-01"), split.resolve("day-02"), split.resolve("day-03"));
        for (String name : List.of("users.csv", "items.csv", "interactions.csv")) {
            List<String> union = new ArrayList<>();
            for (Path part : parts) {
                union.addAll(lines(part.resolve(name)));
            }
            List<String> full = lines(bundle.resolve(name));
            assertThat(union).as(name).hasSameSizeAs(full).containsExactlyInAnyOrderElementsOf(full);
        }
        long newInteractions = increments.bundles().subList(1, 4).stream()
                .mapToLong(SyntheticResult.Part::interactions).sum();
        assertThat(newInteractions).isPositive();
        assertThat(increments.bundles().subList(1, 4)).anyMatch(part -> part.users() > 0)
                .anyMatch(part -> part.items() > 0);
        assertThat(increments.bundles().get(0).interactions() + newInteractions).isEqualTo(INTERACTIONS);
        // every increment row references a user and an item of its own bundle or an earlier one
        Set<String> knownUsers = new HashSet<>();
        Set<String> knownItems = new HashSet<>();
        for (Path part : parts) {
            Properties manifest = new Properties();
            try (var in = Files.newBufferedReader(part.resolve("bundle.properties"))) {
                manifest.load(in);
            }
            // a manifest names exactly the files present; header-only files are not written
            assertThat(manifest.containsKey("users.file")).isEqualTo(Files.exists(part.resolve("users.csv")));
            assertThat(manifest.containsKey("items.file")).isEqualTo(Files.exists(part.resolve("items.csv")))
                    .isEqualTo(manifest.containsKey("embedding.text.file"))
                    .isEqualTo(Files.exists(part.resolve("text.npy")));
            assertThat(manifest.getProperty("interactions.unknownItems"))
                    .isEqualTo(part.equals(split) ? null : "create");
            if (Files.exists(part.resolve("users.csv"))) {
                assertThat(lines(part.resolve("users.csv"))).isNotEmpty();
            }
            lines(part.resolve("users.csv")).forEach(line -> knownUsers.add(line));
            if (Files.exists(part.resolve("items.csv"))) {
                BundleFiles.csv(part.resolve("items.csv")).forEach(row -> knownItems.add(row.get(0)));
            }
            for (List<String> row : BundleFiles.csv(part.resolve("interactions.csv"))) {
                assertThat(knownUsers).contains(row.get(0));
                assertThat(knownItems).contains(row.get(1));
            }
            if (!Files.exists(part.resolve("items.csv"))) {
                continue;
            }
            // vectors: the rows of each part equal the full catalogue's rows of the same items
            BundleFiles.Npy text = BundleFiles.npy(part.resolve("text.npy"));
            List<List<String>> items = BundleFiles.csv(part.resolve("items.csv"));
            assertThat(text.rows()).isEqualTo(items.size());
            BundleFiles.Npy fullText = BundleFiles.npy(bundle.resolve("text.npy"));
            for (int r = 0; r < items.size(); r++) {
                assertThat(text.row(r)).containsExactly(fullText.row(index(items.get(r).get(0))));
            }
        }
    }

    @Test
    void mmrecLayoutHoldsTheSameCatalogueWithAPerUserSplit() throws IOException {
        Path mmrec = dir.resolve("mmrec");
        SyntheticParameters p = SyntheticParameters.builder().users(USERS).items(ITEMS).brands(BRANDS).seed(7)
                .interactions(INTERACTIONS).layout(SyntheticParameters.Layout.MMREC).build();
        SyntheticResult written = generate(p, mmrec);
        assertThat(written.files()).contains(mmrec.resolve("synthetic-s7.inter"));
        assertThat(Files.mismatch(mmrec.resolve("text_feat.npy"), bundle.resolve("text.npy"))).isEqualTo(-1L);
        assertThat(Files.mismatch(mmrec.resolve("image_feat.npy"), bundle.resolve("image.npy"))).isEqualTo(-1L);
        List<String> itemMapping = Files.readAllLines(mmrec.resolve("i_id_mapping.csv"));
        List<String> userMapping = Files.readAllLines(mmrec.resolve("u_id_mapping.csv"));
        assertThat(itemMapping.get(0)).isEqualTo("asin\titemID");
        assertThat(userMapping.get(0)).isEqualTo("user_id\tuserID");
        assertThat(itemMapping).hasSize(ITEMS + 1).contains("i1\t0", "i" + ITEMS + "\t" + (ITEMS - 1));
        assertThat(userMapping).hasSize(USERS + 1).contains("u1\t0");
        List<String> inter = Files.readAllLines(mmrec.resolve("synthetic-s7.inter"));
        assertThat(inter.get(0)).isEqualTo("userID\titemID\tx_label\trating\ttimestamp");
        List<String> asBundle = new ArrayList<>();
        Map<String, int[]> splitsPerUser = new TreeMap<>();
        for (String line : inter.subList(1, inter.size())) {
            String[] cells = line.split("\t", -1);
            assertThat(cells).hasSize(5);
            asBundle.add("u" + (Integer.parseInt(cells[0]) + 1) + ",i" + (Integer.parseInt(cells[1]) + 1) + ","
                    + cells[3] + "," + cells[4]);
            splitsPerUser.computeIfAbsent(cells[0], u -> new int[3])[Integer.parseInt(cells[2])]++;
        }
        assertThat(asBundle).containsExactlyElementsOf(lines(bundle.resolve("interactions.csv")));
        long valid = 0;
        for (int[] counts : splitsPerUser.values()) {
            int n = counts[0] + counts[1] + counts[2];
            int expected = Math.max(1, (int) Math.round(n * 0.1));
            assertThat(counts).containsExactly(n - 2 * expected, expected, expected);
            valid += counts[1];
        }
        assertThat((double) valid / INTERACTIONS).isBetween(0.08, 0.16);
        assertThatThrownBy(() -> SyntheticParameters.builder().users(USERS).items(ITEMS).brands(BRANDS).days(2)
                .layout(SyntheticParameters.Layout.MMREC).build())
                .hasMessageStartingWith("--days needs --layout bundle");
    }

    @Test
    void refusesANonEmptyDirectoryUnlessForced() throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        SyntheticParameters p = parameters(1, 0);
        assertThatThrownBy(() -> generate(p, out)).isInstanceOf(UserException.class)
                .hasMessageContaining("is not empty").hasMessageContaining("--force");
        new SyntheticGenerator(p).generate(out, true, ProgressTracker.none());
        SyntheticParameters withDays = parameters(1, 2);
        new SyntheticGenerator(withDays).generate(out, true, ProgressTracker.none());
        new SyntheticGenerator(p).generate(out, true, ProgressTracker.none());
        try (Stream<Path> list = Files.list(out)) {
            assertThat(list.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("notes.txt",
                    "bundle.properties", "users.csv", "items.csv", "interactions.csv", "text.npy", "image.npy",
                    SyntheticGenerator.CLUSTERS_FILE);
        }
        assertThat(out.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void rejectsImpossibleParametersWithOneLineMessages() {
        assertThatThrownBy(() -> SyntheticParameters.builder().users(0).items(100).brands(5).build())
                .isInstanceOf(UserException.class).hasMessage("--users must be a positive number, found 0");
        assertThatThrownBy(() -> SyntheticParameters.builder().users(10).items(100).brands(101).build())
                .hasMessageContaining("--brands must not exceed --items");
        assertThatThrownBy(() -> SyntheticParameters.builder().items(100).brands(5).build())
                .hasMessageStartingWith("--users is required");
        assertThatThrownBy(() -> SyntheticParameters.builder().users(10).items(100).brands(5).interactions(20L)
                .build()).hasMessageContaining("--interactions must be at least 30");
        assertThatThrownBy(() -> SyntheticParameters.builder().users(10).items(100).brands(5).interactions(100_000L)
                .build()).hasMessageContaining("--interactions must be at most");
        assertThatThrownBy(() -> SyntheticParameters.builder().users(10).items(100).brands(5).meanActivity(2.0)
                .build()).hasMessageContaining("--mean-activity must be at least 3");
        assertThatThrownBy(() -> SyntheticParameters.builder().users(10).items(100).brands(5).meanActivity(5.0)
                .interactions(50L).build()).hasMessageContaining("not both");
        assertThatThrownBy(() -> SyntheticParameters.builder().users(10).items(100).brands(5).textDim(5000).build())
                .hasMessageContaining("--text-dim must be between 1 and 4096");
        assertThatThrownBy(() -> SyntheticParameters.builder().users(10).items(100).brands(5).days(400).build())
                .hasMessageContaining("--days must be between 0 and 364");
        SyntheticParameters defaults = SyntheticParameters.builder().users(10).items(400).brands(5).build();
        assertThat(defaults.clusters()).isEqualTo(5);
        assertThat(defaults.interactions()).isEqualTo(100);
        assertThat(SyntheticParameters.builder().users(10).items(400).brands(5).meanActivity(4.5).build()
                .interactions()).isEqualTo(45);
    }

    @Test
    void tinyCatalogueStillGivesEveryUserThreeDistinctItems() throws IOException {
        SyntheticParameters p = SyntheticParameters.builder().users(50).items(12).brands(10).seed(3)
                .interactions(200L).build();
        SyntheticResult tiny = generate(p, dir.resolve("tiny"));
        assertThat(tiny.interactions()).isEqualTo(200);
        Map<String, Set<String>> perUser = new TreeMap<>();
        for (List<String> row : BundleFiles.csv(dir.resolve("tiny/interactions.csv"))) {
            assertThat(perUser.computeIfAbsent(row.get(0), u -> new TreeSet<>()).add(row.get(1))).isTrue();
        }
        assertThat(perUser).hasSize(50);
        assertThat(perUser.values()).allMatch(items -> items.size() >= 3);
        assertThat(BundleFiles.csv(dir.resolve("tiny/items.csv")).stream().map(row -> row.get(3)).distinct())
                .hasSize(10);
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> all = Files.readAllLines(file);
        return all.subList(1, all.size());
    }

    private static int[] clusters(Path dir) throws IOException {
        List<List<String>> rows = BundleFiles.csv(dir.resolve(SyntheticGenerator.CLUSTERS_FILE));
        int[] cluster = new int[rows.size()];
        for (List<String> row : rows) {
            cluster[index(row.get(0))] = Integer.parseInt(row.get(1));
        }
        return cluster;
    }

    private static int index(String itemId) {
        return Integer.parseInt(itemId.substring(1)) - 1;
    }

    private static double dot(float[] v) {
        return Arrays.stream(toDouble(v)).map(x -> x * x).sum();
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = v[k];
        }
        return out;
    }
}
