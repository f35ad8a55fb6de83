package org.graphrec.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.graphrec.config.ExitCode;
import org.graphrec.config.Json;
import org.graphrec.importer.SplitPolicy;
import org.graphrec.progress.ProgressTracker;
import org.graphrec.propagation.ClosedFormParameters;
import org.graphrec.propagation.PropagateParameters;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.testing.SharedEmbeddedGraph;
import org.junit.jupiter.api.Test;

/**
 * The refresh end to end on a real catalogue: {@code ../shared/data/amazon-gift-cards} split by review time into a
 * base (the oldest 70 % of reviews) and three increments of 10 % each, refreshed night by night. Skips when
 * {@code ../shared} is absent.
 */
class RefreshGiftCardsTest extends SharedEmbeddedGraph {

    static final Path DATA = Path.of("..", "shared", "data", "amazon-gift-cards");

    @Test
    void nightByNightOnGiftCardsSplitByReviewTime() throws Exception {
        assumeTrue(Files.isDirectory(DATA), "../shared/data/amazon-gift-cards is not here");
        var json = Json.mapper();
        List<String> lines = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(DATA.resolve("Gift_Cards_5.json.gz"))), StandardCharsets.UTF_8))) {
            in.lines().filter(l -> !l.isBlank()).forEach(lines::add);
        }
        lines.sort(Comparator.comparingLong((String l) -> {
            try {
                return json.readTree(l).path("unixReviewTime").asLong();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).thenComparing(Comparator.naturalOrder()));
        int n = lines.size();
        int[] cuts = {0, (int) (n * 0.7), (int) (n * 0.8), (int) (n * 0.9), n};
        Path landing = dir.resolve("giftcards-landing");
        Path held = dir.resolve("giftcards-held");
        for (int part = 0; part < 4; part++) {
            Path entry = (part == 0 ? landing : held).resolve(part == 0 ? "00-base" : String.format("day-%02d", part));
            Files.createDirectories(entry);
            try (Writer out = Files.newBufferedWriter(entry.resolve("Gift_Cards_5.json"))) {
                for (String l : lines.subList(cuts[part], cuts[part + 1])) {
                    out.write(l);
                    out.write('\n');
                }
            }
            Files.copy(DATA.resolve("meta_Gift_Cards.json.gz"), entry.resolve("meta_Gift_Cards.json.gz"));
        }
        PropagateParameters propagate = new PropagateParameters(Mode.CLOSED_FORM, ClosedFormParameters.defaults(32),
                10, null, 0.3, true, true);
        RefreshParameters p = new RefreshParameters(landing, propagate, 0.05, 2, 50, SplitPolicy.KEEP, 42,
                dir.resolve("giftcards.jsonl"), dir, Duration.ofMinutes(5), "giftcards-test", false);
        RefreshService service = new RefreshService(graph, ProgressTracker.none());

        RefreshReport base = service.run(p);
        assertThat(base.outcome()).as(base.summary()).isEqualTo(ExitCode.PUBLISHED);
        System.out.println("GIFTCARDS night 0\n" + base.summary());
        long interactions = count("MATCH ()-[r:INTERACTED]->() RETURN count(r)");
        for (int day = 1; day <= 3; day++) {
            String name = String.format("day-%02d", day);
            Files.move(held.resolve(name), landing.resolve(name));
            RefreshReport night = service.run(p);
            System.out.println("GIFTCARDS night " + day + "\n" + night.summary());
            assertThat(night.outcome()).as(night.summary()).isIn(ExitCode.PUBLISHED, ExitCode.GATE_REJECTED);
            assertThat(night.entries()).filteredOn(e -> e.status().equals("imported")).hasSize(1)
                    .allMatch(e -> e.name().equals(name));
            long now = count("MATCH ()-[r:INTERACTED]->() RETURN count(r)");
            assertThat(now).isEqualTo(interactions + night.entries().stream()
                    .mapToLong(RefreshReport.Entry::interactions).sum());
            interactions = now;
            assertThat(night.metricsBefore()).containsKey("recall@20");
        }
        assertThat(service.run(p).outcome()).isEqualTo(ExitCode.NOTHING_TO_DO);
        assertThat(count("MATCH (r:PropagationRun {state: 'published'}) RETURN count(r)")).isEqualTo(1);
        assertThat(count("MATCH (u:User) WITH u.id AS id, count(*) AS c WHERE c > 1 RETURN count(*)")).isZero();
        assertThat(count("MATCH (b:Brand) RETURN count(b)")).isPositive();
    }

    long count(String query) {
        return graph.read(tx -> tx.run(query).single().get(0).asLong());
    }
}
