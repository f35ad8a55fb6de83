package org.graphrec.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.graphrec.config.UserException;
import org.graphrec.core.Csr;
import org.graphrec.core.ExactKnn;
import org.graphrec.core.HnswKnn;
import org.graphrec.core.ModalityMatrix;
import org.graphrec.core.Parallel;
import org.graphrec.core.SplitMix64;
import org.graphrec.progress.ProgressTracker;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code bench knn}: on seeded synthetic vectors of each requested size, in one process, the wall time of the pure
 * ND4J GEMM of exactly the blocks {@link ExactKnn} multiplies (the bound: no selection, no copy out of ND4J) against
 * {@link ExactKnn#compute} itself, as seconds, GFLOP/s ({@code 2 · n² · d} flops) and their ratio; optionally the
 * approximate {@link HnswKnn} (build, search, recall@k against exact on a sample) on the same vectors.
 */
public final class KnnBench {

    /** One catalogue size: {@code items} vectors of {@code dimension}. */
    public record Size(int items, int dimension) {

        /** Parses {@code 50000x64}. */
        public static Size parse(String text) {
            String[] parts = text.strip().toLowerCase(Locale.ROOT).replace("_", "").split("x");
            try {
                if (parts.length == 2) {
                    int n = Integer.parseInt(parts[0]);
                    int d = Integer.parseInt(parts[1]);
                    if (n >= 2 && d >= 1) {
                        return new Size(n, d);
                    }
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UserException("--sizes: expected ITEMSxDIMENSION (items >= 2, dimension >= 1), e.g. 50000x64, "
                    + "found '" + text.strip() + "'");
        }

        public String label() {
            return String.format(Locale.ROOT, "%d×%d", items, dimension);
        }

        /** Multiply–adds of the full similarity matrix, counted as 2 flops each. */
        public double flops() {
            return 2.0 * items * items * dimension;
        }
    }

    /**
     * Parameters.
     *
     * @param sizes   catalogue sizes
     * @param k       neighbours per item
     * @param seed    seed of the synthetic vectors
     * @param repeats measured runs per size (after one unmeasured warm-up of the GEMM)
     * @param approx  also time {@link HnswKnn} once per size and measure its recall
     * @param exactMaxItems sizes above this many items time only the approximate path
     * @param hnsw    settings of the approximate path (its seed is {@code seed})
     */
    public record Parameters(List<Size> sizes, int k, long seed, int repeats, boolean approx, int exactMaxItems,
                             HnswKnn.Settings hnsw) {
        public Parameters {
            if (sizes.isEmpty() || k < 1 || repeats < 1) {
                throw new UserException("--sizes must name at least one size, --k and --repeats must be >= 1");
            }
            sizes = List.copyOf(sizes);
        }
    }

    private final ProgressTracker progress;

    public KnnBench(ProgressTracker progress) {
        this.progress = progress;
    }

    /** Measures every size; the machine (with its load average) is recorded at the start. */
    public BenchResult run(Parameters p) {
        Machine machine = Machine.current();
        List<Measurement> measurements = new ArrayList<>();
        Map<String, Double> ratios = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (Size size : p.sizes()) {
            ModalityMatrix m = vectors(size, p.seed());
            String label = size.label();
            if (size.items() > p.exactMaxItems()) {
                notes.add(label + ": exact not timed (above --exact-max-items " + p.exactMaxItems() + ")");
                approximate(p, m, label, Double.NaN, measurements, ratios);
                continue;
            }
            gemmBound(m, ExactKnn.DEFAULT_BLOCK_ROWS); // warm-up: ND4J natives, OpenBLAS threads
            List<Double> bound = new ArrayList<>();
            List<Double> exact = new ArrayList<>();
            List<Double> loads = new ArrayList<>();
            for (int r = 0; r < p.repeats(); r++) {
                loads.add(Machine.current().loadAverage());
                bound.add(gemmBound(m, ExactKnn.DEFAULT_BLOCK_ROWS));
                long t = System.nanoTime();
                Csr result = new ExactKnn(p.k(), ExactKnn.DEFAULT_BLOCK_ROWS, false, Parallel.shared(), progress)
                        .compute(m);
                exact.add(Repeater.secondsSince(t));
                if (result.rows() != size.items()) {
                    throw new IllegalStateException("kNN returned " + result.rows() + " rows");
                }
            }
            Measurement b = Measurement.of(label + " GEMM bound (same blocks, no selection)", "s", bound);
            Measurement e = Measurement.of(label + " ExactKnn.compute (k=" + p.k() + ")", "s", exact);
            measurements.add(b);
            measurements.add(e);
            measurements.add(Measurement.of(label + " GEMM bound rate", "GFLOP/s",
                    bound.stream().map(s -> size.flops() / s / 1e9).toList()));
            measurements.add(Measurement.of(label + " ExactKnn effective rate", "GFLOP/s",
                    exact.stream().map(s -> size.flops() / s / 1e9).toList()));
            measurements.add(Measurement.of(label + " load average during the runs", "load", loads));
            ratios.put(label + " ExactKnn ÷ GEMM bound (median time)", e.median() / b.median());
            approximate(p, m, label, e.median(), measurements, ratios);
        }
        notes.add("synthetic vectors: 64 seeded Gaussian cluster centres plus unit Gaussian noise of the same scale, "
                + "seed " + p.seed() + "; the GEMM bound multiplies the same L2-normalised blocks of "
                + ExactKnn.DEFAULT_BLOCK_ROWS + " rows into a reused ND4J buffer and reads nothing back.");
        notes.add("flops counted as 2·n²·d per size; ND4J/OpenBLAS threads at their defaults, graphrec's pool "
                + Parallel.shared().threads() + " threads.");
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("sizes", p.sizes().stream().map(Size::label).toList());
        parameters.put("k", p.k());
        parameters.put("seed", p.seed());
        parameters.put("repeats", p.repeats());
        parameters.put("approx", p.approx());
        parameters.put("exactMaxItems", p.exactMaxItems());
        parameters.put("hnsw", p.hnsw());
        return new BenchResult("knn", "synthetic-vectors-s" + p.seed(), machine, parameters, measurements, ratios,
                List.of(), notes);
    }

    /** Times {@link HnswKnn} once on {@code m} (when asked) and adds its measurements. */
    private void approximate(Parameters p, ModalityMatrix m, String label, double exactSeconds,
                             List<Measurement> measurements, Map<String, Double> ratios) {
        if (!p.approx()) {
            return;
        }
        long t = System.nanoTime();
        HnswKnn.Result a = new HnswKnn(p.k(), false, p.hnsw(), Parallel.shared(), progress).compute(m);
        double total = Repeater.secondsSince(t);
        String settings = " (M=" + p.hnsw().maxConnections() + ", beam " + p.hnsw().beamWidth() + ", ef "
                + p.hnsw().efSearch() + ")";
        measurements.add(Measurement.single(label + " HnswKnn graph build" + settings, "s", a.buildSeconds()));
        measurements.add(Measurement.single(label + " HnswKnn search, all items", "s", a.searchSeconds()));
        measurements.add(Measurement.single(label + " HnswKnn total with the recall estimate", "s", total));
        measurements.add(Measurement.single(label + " HnswKnn recall@" + p.k() + " vs exact (" + a.sampled()
                + " sampled items)", "fraction", a.recall()));
        measurements.add(Measurement.single(label + " load average after HnswKnn", "load",
                Machine.current().loadAverage()));
        if (!Double.isNaN(exactSeconds)) {
            ratios.put(label + " HnswKnn total ÷ ExactKnn (median)", total / exactSeconds);
        }
    }

    /**
     * Seeded synthetic vectors: {@code 64} Gaussian cluster centres, each item a centre plus Gaussian noise (real
     * embeddings are clustered; uniform noise would make every neighbour list a tie of near-orthogonal vectors).
     */
    public static ModalityMatrix vectors(Size size, long seed) {
        int n = size.items();
        int d = size.dimension();
        SplitMix64 random = new SplitMix64(seed);
        int clusters = 64;
        float[] centres = new float[clusters * d];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) gaussian(random);
        }
        float[] v = new float[n * d];
        boolean[] present = new boolean[n];
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(clusters);
            for (int j = 0; j < d; j++) {
                v[i * d + j] = centres[c * d + j] + (float) gaussian(random);
            }
            present[i] = true;
        }
        return new ModalityMatrix("synthetic", "syntheticEmbedding", d, v, present);
    }

    private static double gaussian(SplitMix64 random) {
        // Box–Muller; 1 − u keeps the logarithm finite
        double u = 1 - random.nextDouble();
        double w = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }

    /** Seconds of the ND4J GEMMs alone over the same blocks as {@link ExactKnn}, into one reused output. */
    static double gemmBound(ModalityMatrix m, int blockRows) {
        int n = m.items();
        int d = m.dimension();
        float[] unit = m.vectors().clone();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                s += (double) unit[i * d + c] * unit[i * d + c];
            }
            double norm = Math.sqrt(s);
            for (int c = 0; c < d; c++) {
                unit[i * d + c] = (float) (unit[i * d + c] / norm);
            }
        }
        long t = System.nanoTime();
        try (INDArray all = Nd4j.create(unit, new long[] {n, d}, 'c');
             INDArray out = Nd4j.create(DataType.FLOAT, new long[] {Math.min(blockRows, n), n}, 'c')) {
            for (int from = 0; from < n; from += blockRows) {
                int to = Math.min(n, from + blockRows);
                try (INDArray q = all.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()).dup('c')) {
                    if (to - from == out.rows()) {
                        Nd4j.gemm(q, all, out, false, true, 1.0, 0.0);
                    } else {
                        try (INDArray last = Nd4j.create(DataType.FLOAT, new long[] {to - from, n}, 'c')) {
                            Nd4j.gemm(q, all, last, false, true, 1.0, 0.0);
                        }
                    }
                }
            }
        }
        return Repeater.secondsSince(t);
    }
}
