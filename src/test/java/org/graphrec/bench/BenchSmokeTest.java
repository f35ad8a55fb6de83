package org.graphrec.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.graphrec.config.Json;
import org.graphrec.progress.ProgressTracker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each bench subcommand's service on a tiny synthetic catalogue and checks that {@code results.json} is valid
 * JSON with the expected fields. Benchmarks are not tests: nothing here asserts anything about time.
 */
class BenchSmokeTest {

    @TempDir
    Path work;

    static JsonNode readJson(Path file) throws Exception {
        return Json.mapper().readTree(file.toFile());
    }

    static void assertCommonFields(JsonNode json, String benchmark) {
        assertThat(json.get("benchmark").asText()).isEqualTo(benchmark);
        assertThat(json.get("dataset").asText()).isNotBlank();
        JsonNode machine = json.get("machine");
        assertThat(machine.get("cores").asInt()).isPositive();
        assertThat(machine.get("ramBytes").asLong()).isPositive();
        assertThat(machine.get("java").asText()).isNotBlank();
        assertThat(machine.get("os").asText()).isNotBlank();
        assertThat(machine.get("date").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*");
        assertThat(machine.get("commit").asText()).matches("[0-9a-f]{40}|unknown");
        assertThat(json.get("measurements").isArray()).isTrue();
        for (JsonNode m : json.get("measurements")) {
            assertThat(m.get("name").asText()).isNotBlank();
            assertThat(m.get("unit").asText()).isNotBlank();
            assertThat(m.get("median").isNumber()).as(m.toString()).isTrue();
            assertThat(m.get("min").asDouble()).isLessThanOrEqualTo(m.get("median").asDouble());
            assertThat(m.get("max").asDouble()).isGreaterThanOrEqualTo(m.get("median").asDouble());
        }
    }

    @Test
    void importBenchWritesResultsOfEveryMethodAndTheRatios() throws Exception {
        BenchDataset data = BenchDataset.synthetic(300, 7, work.resolve("data"), ProgressTracker.none());
        // a relative work directory, as the command's default (target/bench-work): neo4j-admin exited with 70 on
        // relative file options (and on absolute ones with ".." in them, as this one has when the temporary
        // directory is outside the project)
        Path stores = Path.of("").toAbsolutePath().relativize(work.resolve("stores").toAbsolutePath());
        assertThat(stores.isAbsolute()).isFalse();
        BenchResult result = new ImportBench(ProgressTracker.none())
                .run(new ImportBench.Parameters(data, stores, 0, 2, 100));
        Path file = result.write(work.resolve("out"));
        JsonNode json = readJson(file);
        assertCommonFields(json, "import");
        assertThat(json.get("dataset").asText()).isEqualTo("synthetic-300");
        // every method imported every interaction of the catalogue (300, no duplicate pairs)
        assertThat(result.measurement("graphrec bulk import: interactions imported").median()).isEqualTo(300);
        assertThat(result.measurement("graphrec transactional import: interactions imported").median())
                .isEqualTo(300);
        assertThat(result.measurement("LOAD CSV interactions imported").median()).isEqualTo(300);
        assertThat(result.measurement("graphrec bulk import wall time").runs()).isEqualTo(2);
        assertThat(result.measurement("neo4j-admin import wall time").runs()).isEqualTo(2);
        assertThat(json.get("ratios").size()).isEqualTo(3);
        assertThat(json.get("ratios").get("wall time graphrec bulk ÷ neo4j-admin import (median)").asDouble())
                .isPositive();
    }

    @Test
    void serveBenchWritesPercentilesAndAChart() throws Exception {
        BenchRunner.Options o = new BenchRunner.Options(300L, null, work.resolve("serve"), work.resolve("w"), 2, 5);
        BenchResult result = new BenchRunner(ProgressTracker.none()).serveBench(o, 5);
        JsonNode json = readJson(work.resolve("serve").resolve(BenchResult.FILE));
        assertCommonFields(json, "serve");
        for (String q : new String[] {"p50", "p95", "p99"}) {
            assertThat(result.measurement("recommend (service) " + q).unit()).isEqualTo("ms");
            assertThat(result.measurement("cypher recommend/for-user " + q)).isNotNull();
            assertThat(result.measurement("neighbours --user (service) " + q)).isNotNull();
        }
        Measurement p50 = result.measurement("recommend (service) p50");
        assertThat(p50.median()).isLessThanOrEqualTo(result.measurement("recommend (service) p99").median());
        assertThat(json.get("charts").get(0).asText()).isEqualTo("serve-latency.png");
        assertThat(work.resolve("serve").resolve("serve-latency.png")).isNotEmptyFile();
    }

    @Test
    void propagateBenchWritesStagesPerModeAndSaysWhetherGdsIsThere() throws Exception {
        BenchRunner.Options o = new BenchRunner.Options(300L, null, work.resolve("prop"), work.resolve("w"), 0, 2);
        // the GDS peer has its own test (GdsPeerTest); left out here to keep the suite fast
        BenchResult result = new BenchRunner(ProgressTracker.none()).propagateBench(o,
                java.util.List.of(org.graphrec.propagation.PropagateParameters.Mode.CLOSED_FORM,
                        org.graphrec.propagation.PropagateParameters.Mode.MOSTPOP), false);
        JsonNode json = readJson(work.resolve("prop").resolve(BenchResult.FILE));
        assertCommonFields(json, "propagate");
        for (String mode : new String[] {"closed-form", "mostpop"}) {
            assertThat(result.measurement(mode + " load time").runs()).isEqualTo(2);
            assertThat(result.measurement(mode + " total time").unit()).isEqualTo("s");
            assertThat(result.measurement(mode + " peak heap").median()).isPositive();
        }
        assertThat(result.measurement("closed-form knn time")).isNotNull();
        assertThat(json.get("ratios").has("total time closed-form ÷ mostpop (median)")).isTrue();
        assertThat(result.notes()).contains("GDS peer not run (--gds false).");
        assertThat(json.get("parameters").get("gds").asText()).isEqualTo("not requested");
        for (String mode : new String[] {"closed-form", "mostpop"}) {
            assertThat(result.measurement(mode + " test recall@20").median()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void scaleBenchSkipsSizesThatDoNotFitAndDrawsTimeVsSize() throws Exception {
        BenchResult result = new BenchRunner(ProgressTracker.none()).scaleBench(java.util.List.of(300L, 100_000_000L),
                work.resolve("scale"), work.resolve("w"), 0, 2);
        JsonNode json = readJson(work.resolve("scale").resolve(BenchResult.FILE));
        assertCommonFields(json, "scale");
        assertThat(result.measurement("300 interactions import time").unit()).isEqualTo("s");
        assertThat(result.measurement("300 interactions propagate total time")).isNotNull();
        assertThat(result.measurement("300 interactions import time").runs()).as("two runs per size").isEqualTo(2);
        assertThat(result.measurement("300 interactions propagate peak live heap").median())
                .isPositive().isLessThanOrEqualTo(result.measurement("300 interactions propagate peak heap").max());
        assertThat(json.get("parameters").get("repeats").asInt()).isEqualTo(2);
        assertThat(result.measurement("300 interactions memory estimate").median()).isPositive();
        if (ScaleBench.estimateBytes(100_000_000L) > Runtime.getRuntime().maxMemory() * 0.8) {
            assertThat(result.notes()).anyMatch(n -> n.startsWith("100,000,000 interactions skipped"));
        }
        assertThat(ScaleBench.series(result).get("import")[0]).containsExactly(300.0);
        assertThat(work.resolve("scale").resolve("scale-time.png")).isNotEmptyFile();
    }
}
