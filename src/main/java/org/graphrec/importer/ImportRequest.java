package org.graphrec.importer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.graphrec.config.UserException;

/**
 * The validated parameters of one import.
 *
 * @param path        a dataset directory, a manifest, or an input file
 * @param format      the input format, or null to detect it from {@code path}
 * @param split       split policy ({@link SplitPolicy#KEEP}: keep the given split, else random)
 * @param seed        seed of the random split
 * @param maxRejects  how many rows may be rejected before the import fails (0: none)
 * @param rejectsFile where rejected rows are written (when there are any)
 * @param embedText   embed title + description of items that have text but no text vector (MiniLM, 384-d)
 * @param bulk        whether to write through Neo4j's bulk import engine (null: {@link BulkMode#OFF})
 */
public record ImportRequest(Path path, ImportFormat format, SplitPolicy split, long seed, long maxRejects,
                            Path rejectsFile, boolean embedText, BulkMode bulk) {

    /** Default seed of the random split. */
    public static final long DEFAULT_SEED = 42;
    /** Default rejects file, in the working directory. */
    public static final Path DEFAULT_REJECTS = Path.of("graphrec-import-rejects.tsv");

    public ImportRequest {
        Objects.requireNonNull(path, "path");
        if (!Files.exists(path)) {
            throw new UserException("--path " + path + ": no such file or directory");
        }
        if (maxRejects < 0) {
            throw new UserException("--max-rejects must be 0 or more, found " + maxRejects);
        }
        split = split == null ? SplitPolicy.KEEP : split;
        rejectsFile = rejectsFile == null ? DEFAULT_REJECTS : rejectsFile;
        bulk = bulk == null ? BulkMode.OFF : bulk;
    }

    /** A request that writes through transactions ({@link BulkMode#OFF}). */
    public ImportRequest(Path path, ImportFormat format, SplitPolicy split, long seed, long maxRejects,
                         Path rejectsFile, boolean embedText) {
        this(path, format, split, seed, maxRejects, rejectsFile, embedText, BulkMode.OFF);
    }

    /**
     * An import of {@code path} with every default: detect format, keep split, no rejects allowed, transactional
     * writes ({@link #withBulk} for the bulk engine).
     */
    public static ImportRequest of(Path path) {
        return new ImportRequest(path, null, SplitPolicy.KEEP, DEFAULT_SEED, 0, null, false);
    }

    public ImportRequest withFormat(ImportFormat f) {
        return new ImportRequest(path, f, split, seed, maxRejects, rejectsFile, embedText, bulk);
    }

    public ImportRequest withSplit(SplitPolicy s, long newSeed) {
        return new ImportRequest(path, format, s, newSeed, maxRejects, rejectsFile, embedText, bulk);
    }

    public ImportRequest withRejects(long max, Path file) {
        return new ImportRequest(path, format, split, seed, max, file, embedText, bulk);
    }

    public ImportRequest withEmbedText(boolean embed) {
        return new ImportRequest(path, format, split, seed, maxRejects, rejectsFile, embed, bulk);
    }

    public ImportRequest withBulk(BulkMode mode) {
        return new ImportRequest(path, format, split, seed, maxRejects, rejectsFile, embedText, mode);
    }
}
