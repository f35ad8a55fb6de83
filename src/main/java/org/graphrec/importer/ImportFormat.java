package org.graphrec.importer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.graphrec.config.Suggestions;
import org.graphrec.config.UserException;

/** The input formats {@code import} reads. */
public enum ImportFormat {
    /** MMRec dataset directory ({@code .inter}, {@code *_feat.npy}, id mappings). */
    MMREC,
    /** Amazon review data JSON lines (2014/2018), reviews plus {@code meta_*} metadata. */
    AMAZON,
    /** CSV bundle described by a {@code .properties} manifest. */
    BUNDLE;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code mmrec|amazon|bundle}; null or blank means "detect". */
    public static ImportFormat parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        for (ImportFormat f : values()) {
            if (f.label().equalsIgnoreCase(text.strip())) {
                return f;
            }
        }
        throw new UserException("--format must be mmrec, amazon or bundle, found '" + text + "'"
                + Suggestions.didYouMean(text, List.of("mmrec", "amazon", "bundle")));
    }

    /**
     * Detects the format of {@code path}: a {@code .properties} file or a directory with
     * {@code bundle.properties} is a bundle; a {@code .inter} file or a directory with one is MMRec; JSON(.gz)
     * files are Amazon review data.
     */
    public static ImportFormat detect(Path path) {
        if (!Files.exists(path)) {
            throw new UserException("--path " + path + ": no such file or directory");
        }
        if (BundleReader.looksLike(path)) {
            return BUNDLE;
        }
        if (MmrecReader.looksLike(path)) {
            return MMREC;
        }
        if (AmazonJsonReader.looksLike(path)) {
            return AMAZON;
        }
        if (Files.isDirectory(path) && !MmrecReader.list(path, ".properties").isEmpty()) {
            return BUNDLE;
        }
        throw new UserException("--path " + path + ": cannot tell the format (no bundle.properties or .properties "
                + "manifest, no .inter file, no .json(.gz) files); give --format mmrec|amazon|bundle");
    }
}
