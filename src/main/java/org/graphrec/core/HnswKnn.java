package org.graphrec.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.codecs.hnsw.DefaultFlatVectorScorer;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.apache.lucene.util.hnsw.HnswGraphBuilder;
import org.apache.lucene.util.hnsw.HnswGraphSearcher;
import org.apache.lucene.util.hnsw.NeighborArray;
import org.apache.lucene.util.hnsw.OnHeapHnswGraph;
import org.apache.lucene.util.hnsw.RandomAccessVectorValues;
import org.apache.lucene.util.hnsw.RandomVectorScorerSupplier;
import org.graphrec.progress.ProgressTracker;

/**
 * Approximate top-k cosine neighbours of every item of one modality on Lucene's HNSW graph ({@code
 * org.apache.lucene.util.hnsw}, the Lucene 9.11 that Neo4j 5.26 ships): the same items and unit vectors as
 * {@link ExactKnn} ({@link Normalised}), the graph built on one thread in item order with its levels drawn from
 * {@code seed}, then every item searched with a candidate list of {@code efSearch} on all workers. Candidates are
 * ranked by their cosine (recomputed in float), ties to the lower index, as in the exact lists. Deterministic: the
 * same vectors, parameters and seed give the same graph and the same lists whatever the thread count. Its quality
 * is measured, never assumed: {@link #compute} estimates recall@k against {@link ExactKnn} on a seeded sample of
 * items.
 */
public final class HnswKnn {

    /** Lucene's defaults: 16 connections per node (32 on the bottom level), a build beam of 100. */
    public static final int DEFAULT_MAX_CONNECTIONS = 16;
    public static final int DEFAULT_BEAM_WIDTH = 100;
    /** Candidate list of each search (at least k + 1). */
    public static final int DEFAULT_EF_SEARCH = 100;
    /** Items whose exact lists the recall estimate compares against. */
    public static final int DEFAULT_RECALL_SAMPLE = 1000;

    /**
     * Settings of the graph and its searches.
     *
     * @param maxConnections HNSW M
     * @param beamWidth      candidates kept while inserting a node
     * @param efSearch       candidates kept while searching (the list is cut to k)
     * @param seed           seed of the node levels and of the recall sample
     * @param recallSample   items the recall estimate uses (0 = no estimate)
     */
    public record Settings(int maxConnections, int beamWidth, int efSearch, long seed, int recallSample) {
        public Settings {
            Require.atLeast("maxConnections", maxConnections, 2);
            Require.atLeast("beamWidth", beamWidth, 1);
            Require.atLeast("efSearch", efSearch, 1);
            Require.notNegative("recallSample", recallSample);
        }

        public static Settings defaults(long seed) {
            return new Settings(DEFAULT_MAX_CONNECTIONS, DEFAULT_BEAM_WIDTH, DEFAULT_EF_SEARCH, seed,
                    DEFAULT_RECALL_SAMPLE);
        }
    }

    /**
     * The lists and how good they are.
     *
     * @param neighbours    as {@link ExactKnn#compute}: rows in rank order, weighted by the cosine
     * @param recall        mean fraction of the exact k neighbours found, over the sampled items (NaN: no sample)
     * @param sampled       items in the recall sample
     * @param buildSeconds  wall time of the graph build
     * @param searchSeconds wall time of the searches
     */
    public record Result(Csr neighbours, double recall, int sampled, double buildSeconds, double searchSeconds) {
    }

    private final int k;
    private final boolean includeSelf;
    private final Settings settings;
    private final Parallel parallel;
    private final ProgressTracker progress;

    public HnswKnn(int k, boolean includeSelf, Settings settings, Parallel parallel, ProgressTracker progress) {
        this.k = Require.atLeast("k", k, 1);
        this.includeSelf = includeSelf;
        this.settings = settings;
        this.parallel = parallel;
        this.progress = progress;
    }

    /** Builds the graph, searches every item and estimates the recall on the sample. */
    public Result compute(ModalityMatrix modality) {
        Normalised norm = Normalised.of(modality);
        int m = norm.size();
        int kk = norm.neighbours(k, includeSelf);
        int[] targets = new int[m * kk];
        float[] scores = new float[m * kk];
        if (m == 0 || kk == 0) {
            return new Result(norm.scatter(modality.items(), kk, targets, scores), Double.NaN, 0, 0, 0);
        }
        try {
            List<float[]> vectors = new ArrayList<>(m);
            for (int r = 0; r < m; r++) {
                vectors.add(java.util.Arrays.copyOfRange(norm.unit(), r * norm.dimension(),
                        (r + 1) * norm.dimension()));
            }
            RandomAccessVectorValues.Floats values = RandomAccessVectorValues.fromFloats(vectors, norm.dimension());
            long t = System.nanoTime();
            OnHeapHnswGraph graph = build(modality.name(), values, m);
            double build = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            search(modality.name(), graph, values, vectors, norm.rows(), kk, targets, scores);
            double search = (System.nanoTime() - t) / 1e9;
            Csr neighbours = norm.scatter(modality.items(), kk, targets, scores);
            int[] sample = sample(m);
            double recall = Double.NaN;
            if (sample.length > 0) {
                int[] exact = new ExactKnn(k, ExactKnn.DEFAULT_BLOCK_ROWS, includeSelf, parallel, ProgressTracker.none())
                        .neighboursOf(norm, sample);
                int[] approximate = new int[sample.length * kk];
                for (int s = 0; s < sample.length; s++) {
                    System.arraycopy(targets, sample[s] * kk, approximate, s * kk, kk);
                }
                recall = recall(approximate, exact, sample.length, kk);
            }
            return new Result(neighbours, recall, sample.length, build, search);
        } catch (IOException e) {
            throw new UncheckedIOException("HNSW over in-memory vectors failed", e);
        }
    }

    /**
     * Mean over {@code queries} of |approximate ∩ exact| / kk, both given as {@code kk} ids per query (each list
     * without repeats); 1 when every exact neighbour was found.
     */
    public static double recall(int[] approximate, int[] exact, int queries, int kk) {
        if (queries == 0 || kk == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int q = 0; q < queries; q++) {
            int found = 0;
            for (int a = 0; a < kk; a++) {
                for (int e = 0; e < kk; e++) {
                    if (approximate[q * kk + a] == exact[q * kk + e]) {
                        found++;
                        break;
                    }
                }
            }
            sum += found / (double) kk;
        }
        return sum / queries;
    }

    /** The first {@code recallSample} compact rows of a seeded shuffle, in increasing order. */
    private int[] sample(int m) {
        int[] all = new int[m];
        for (int i = 0; i < m; i++) {
            all[i] = i;
        }
        new SplitMix64(settings.seed()).shuffle(all);
        int[] sample = java.util.Arrays.copyOf(all, Math.min(m, settings.recallSample()));
        java.util.Arrays.sort(sample);
        return sample;
    }

    private OnHeapHnswGraph build(String name, RandomAccessVectorValues.Floats values, int m) throws IOException {
        RandomVectorScorerSupplier scorers = DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorerSupplier(
                VectorSimilarityFunction.DOT_PRODUCT, values);
        HnswGraphBuilder builder = HnswGraphBuilder.create(scorers, settings.maxConnections(), settings.beamWidth(),
                settings.seed(), m);
        progress.begin("HNSW graph " + name + " (M=" + settings.maxConnections() + ")", m);
        try {
            for (int r = 0; r < m; r++) {
                builder.addGraphNode(r);
                if ((r & 1023) == 1023 || r == m - 1) {
                    progress.advance((r & 1023) + 1);
                }
            }
        } finally {
            progress.end();
        }
        return builder.getGraph();
    }

    private void search(String name, OnHeapHnswGraph graph, RandomAccessVectorValues.Floats values,
                        List<float[]> vectors, int[] rows, int kk, int[] targets, float[] scores) {
        int m = vectors.size();
        int ef = Math.max(settings.efSearch(), kk + 1);
        progress.begin("HNSW search " + name + " (ef=" + ef + ", k=" + k + ")", m);
        try {
            parallel.forRange(m, 256, new java.util.function.IntConsumer() {
                private final ThreadLocal<GraphView> views = ThreadLocal.withInitial(() -> new GraphView(graph));

                @Override
                public void accept(int r) {
                    try {
                        searchOne(views.get(), values, vectors, r, ef, rows, kk, targets, scores);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if ((r & 255) == 255) {
                        progress.advance(256);
                    }
                }
            });
        } finally {
            progress.end();
        }
    }

    private void searchOne(GraphView view, RandomAccessVectorValues.Floats values, List<float[]> vectors, int r,
                           int ef, int[] rows, int kk, int[] targets, float[] scores) throws IOException {
        float[] query = vectors.get(r);
        TopKnnCollector collector = new TopKnnCollector(ef, Integer.MAX_VALUE);
        HnswGraphSearcher.search(DefaultFlatVectorScorer.INSTANCE.getRandomVectorScorer(
                VectorSimilarityFunction.DOT_PRODUCT, values, query), collector, view, null);
        ScoreDoc[] found = collector.topDocs().scoreDocs;
        TopK.Accumulator best = new TopK.Accumulator(kk);
        // offer in increasing row order so that equal cosines keep the lower index first, as the exact lists do
        int[] candidates = new int[found.length];
        for (int i = 0; i < found.length; i++) {
            candidates[i] = found[i].doc;
        }
        java.util.Arrays.sort(candidates);
        for (int c : candidates) {
            if (includeSelf || c != r) {
                best.offer(c, dot(query, vectors.get(c)));
            }
        }
        if (best.size() < kk) {
            // the search reached fewer than kk other items (a part of the graph it could not enter): scan them all
            best.reset();
            for (int c = 0; c < vectors.size(); c++) {
                if (includeSelf || c != r) {
                    best.offer(c, dot(query, vectors.get(c)));
                }
            }
        }
        for (int p = 0; p < kk; p++) {
            targets[r * kk + p] = rows[best.id(p)];
            scores[r * kk + p] = best.score(p);
        }
    }

    private static float dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return (float) s;
    }

    /**
     * A read-only cursor over the built graph for one thread: {@link OnHeapHnswGraph} keeps its neighbour cursor in
     * itself, so concurrent searches each walk the shared neighbour arrays through a view of their own.
     */
    private static final class GraphView extends HnswGraph {

        private final OnHeapHnswGraph graph;
        private int[] nodes;
        private int size;
        private int next;

        GraphView(OnHeapHnswGraph graph) {
            this.graph = graph;
        }

        @Override
        public void seek(int level, int target) {
            NeighborArray neighbours = graph.getNeighbors(level, target);
            nodes = neighbours.nodes();
            size = neighbours.size();
            next = 0;
        }

        @Override
        public int size() {
            return graph.size();
        }

        @Override
        public int maxNodeId() {
            return graph.maxNodeId();
        }

        @Override
        public int nextNeighbor() {
            return next < size ? nodes[next++] : DocIdSetIterator.NO_MORE_DOCS;
        }

        @Override
        public int numLevels() {
            return graph.numLevels();
        }

        @Override
        public int entryNode() {
            return graph.entryNode();
        }

        @Override
        public NodesIterator getNodesOnLevel(int level) {
            return graph.getNodesOnLevel(level);
        }
    }
}
