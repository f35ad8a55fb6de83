package org.graphrec.importer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graphrec.config.UserException;
import org.graphrec.progress.ProgressTracker;

/**
 * Reads Amazon review data (McAuley et al., 2014 and 2018 releases): a reviews file, one JSON object a line
 * ({@code reviewerID, asin, overall, unixReviewTime}), and optionally a metadata file {@code meta_*.json(.gz)}
 * ({@code asin, title, brand, category[] (2018) or categories[[…]] (2014), description (list or string)}).
 * Items are the reviewed asins; metadata of items nobody reviewed is skipped. Brand → Brand node, categories →
 * Category nodes, description list joined with a space.
 */
public final class AmazonJsonReader {

    private AmazonJsonReader() {
    }

    /** The review and metadata files of an Amazon dataset directory. */
    record InputFiles(List<Path> reviews, Path metadata) {
    }

    /** True when {@code path} is a JSON(.gz) file or a directory holding one. */
    public static boolean looksLike(Path path) {
        if (Files.isRegularFile(path)) {
            return isJson(path);
        }
        return Files.isDirectory(path) && MmrecReader.list(path, "").stream().anyMatch(AmazonJsonReader::isJson);
    }

    private static boolean isJson(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".json") || n.endsWith(".json.gz") || n.endsWith(".jsonl") || n.endsWith(".jsonl.gz");
    }

    static InputFiles locate(Path path) {
        if (Files.isRegularFile(path)) {
            return new InputFiles(List.of(path), null);
        }
        List<Path> reviews = new ArrayList<>();
        Path meta = null;
        for (Path p : MmrecReader.list(path, "")) {
            if (!isJson(p)) {
                continue;
            }
            if (p.getFileName().toString().startsWith("meta")) {
                if (meta != null) {
                    throw new UserException(path + ": several metadata files (" + meta.getFileName() + ", "
                            + p.getFileName() + "); keep one meta_*.json(.gz)");
                }
                meta = p;
            } else {
                reviews.add(p);
            }
        }
        if (reviews.isEmpty()) {
            throw new UserException(path + ": no reviews file (*.json or *.json.gz other than meta_*)");
        }
        return new InputFiles(reviews, meta);
    }

    /** Reads and validates the reviews (and metadata) at {@code path}: a directory or a reviews file. */
    public static Catalogue read(Path path, Rejects rejects, ProgressTracker progress) {
        InputFiles files = locate(path);
        Path first = files.reviews().get(0);
        String name = Files.isDirectory(path) ? path.toAbsolutePath().normalize().getFileName().toString()
                : first.getFileName().toString().replaceAll("\\.json(l)?(\\.gz)?$", "");
        Catalogue.Builder catalogue = Catalogue.builder(name, "amazon");
        for (Path reviews : files.reviews()) {
            catalogue.file(reviews);
            readReviews(reviews, catalogue, rejects, progress);
        }
        if (files.metadata() != null) {
            catalogue.file(files.metadata());
            readMetadata(files.metadata(), catalogue, rejects, progress);
        }
        return catalogue.build();
    }

    private static void readReviews(Path file, Catalogue.Builder catalogue, Rejects rejects, ProgressTracker progress) {
        readObjects(file, "review", rejects, progress, (review, source) -> {
            String user = JsonLines.text(review.get("reviewerID"));
            String item = JsonLines.text(review.get("asin"));
            if (user == null) {
                throw new Fields.Invalid("missing reviewerID");
            }
            if (item == null) {
                throw new Fields.Invalid("missing asin");
            }
            JsonNode overall = review.get("overall");
            float rating = overall == null || overall.isNull() ? Float.NaN
                    : Fields.rating(overall.asText(), "overall");
            JsonNode time = review.get("unixReviewTime");
            long ts = time == null || time.isNull() ? Interactions.NO_TIMESTAMP
                    : Fields.timestamp(time.asText(), "unixReviewTime");
            catalogue.interaction(catalogue.user(user), catalogue.item(item), rating, ts, null);
        });
    }

    private static void readMetadata(Path file, Catalogue.Builder catalogue, Rejects rejects,
                                     ProgressTracker progress) {
        readObjects(file, "item", rejects, progress, (meta, source) -> {
            String asin = JsonLines.text(meta.get("asin"));
            if (asin == null) {
                throw new Fields.Invalid("missing asin");
            }
            if (catalogue.findItem(asin) < 0) {
                return; // nobody reviewed it
            }
            JsonNode categories = meta.has("category") ? meta.get("category") : meta.get("categories");
            ItemRecord item = new ItemRecord(asin, JsonLines.text(meta.get("title")),
                    JsonLines.text(meta.get("description")), JsonLines.text(meta.get("brand")),
                    JsonLines.list(categories, null));
            String conflict = catalogue.putItem(item, source.where());
            if (conflict != null) {
                rejects.add(source, conflict);
            }
        });
    }

    /** What to do with one JSON object of a JSON-lines file; {@link Fields.Invalid} rejects its line. */
    private interface ObjectHandler {
        void accept(JsonNode object, SourceLine source) throws Fields.Invalid;
    }

    /**
     * Hands every JSON object of {@code file} (one a line, blank lines skipped) to {@code handler}; lines of invalid
     * UTF-8 or malformed JSON are rejected. A file without a line fails with {@code expected} named.
     */
    private static void readObjects(Path file, String expected, Rejects rejects, ProgressTracker progress,
                                    ObjectHandler handler) {
        String name = file.getFileName().toString();
        progress.begin("read " + name, -1);
        long rows = 0;
        try (TextLines lines = TextLines.open(file)) {
            TextLines.Line line;
            while ((line = lines.nextNonBlank(name, rejects)) != null) {
                rows++;
                if (!line.isValid()) {
                    continue;
                }
                SourceLine source = new SourceLine(name, line.number(), line.text());
                try {
                    handler.accept(JsonLines.parse(line.text()), source);
                } catch (Fields.Invalid e) {
                    rejects.add(source, e.getMessage());
                }
                if (rows % 50_000 == 0) {
                    progress.advance(50_000);
                }
            }
        } finally {
            progress.advance(rows % 50_000);
            progress.end();
        }
        if (rows == 0) {
            throw new UserException(name + ":1: empty file: expected one " + expected + " (JSON object) a line");
        }
    }
}
