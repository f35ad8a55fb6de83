package org.graphrec.experiments;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.graphrec.core.InteractionGraph;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.importer.NpyReader;

/**
 * Reads the MMRec files in {@code ../shared/data} straight into an {@link InteractionGraph}, so the harnesses can
 * tune algorithms without a Neo4j import (the importer owns the production reader; the feature files go through
 * its {@link NpyReader}). Users and items are interned in id order 0..n−1 so feature rows line up.
 */
public final class MmrecTestData {

    /** The shared data folder, {@code ../shared/data} from the project root. */
    public static final Path DATA = Path.of(System.getProperty("graphrec.project.root", "."), "..", "shared", "data")
            .normalize();

    private MmrecTestData() {
    }

    /** Whether {@code ../shared/data/<folder>} exists. */
    public static boolean available(String folder) {
        return Files.isDirectory(DATA.resolve(folder));
    }

    /** Loads {@code <folder>/<name>.inter} (x_label 0/1/2 = train/valid/test) and {@code <modality>_feat.npy}. */
    public static InteractionGraph load(String folder, String name, List<String> modalities) {
        Path dir = DATA.resolve(folder);
        try {
            List<int[]> rows = new ArrayList<>();
            int maxUser = -1;
            int maxItem = -1;
            List<String> lines = Files.readAllLines(dir.resolve(name + ".inter"));
            for (int l = 1; l < lines.size(); l++) {
                String[] f = lines.get(l).strip().split("\t");
                int[] row = {Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2])};
                rows.add(row);
                maxUser = Math.max(maxUser, row[0]);
                maxItem = Math.max(maxItem, row[1]);
            }
            InteractionGraph.Builder b = new InteractionGraph.Builder();
            for (String modality : modalities) {
                try (NpyReader npy = NpyReader.open(dir.resolve(modality + "_feat.npy"))) {
                    maxItem = Math.max(maxItem, (int) npy.rows() - 1);
                }
            }
            for (int u = 0; u <= maxUser; u++) {
                b.user(Integer.toString(u));
            }
            for (int i = 0; i <= maxItem; i++) {
                b.item(Integer.toString(i));
            }
            for (int[] r : rows) {
                b.interaction(Integer.toString(r[0]), Integer.toString(r[1]), Split.values()[r[2]]);
            }
            for (String modality : modalities) {
                try (NpyReader npy = NpyReader.open(dir.resolve(modality + "_feat.npy"))) {
                    b.modality(modality, modality + "Embedding", npy.columns());
                    float[] row = new float[npy.columns()];
                    for (int i = 0; npy.next(row); i++) {
                        b.vector(modality, Integer.toString(i), row.clone());
                    }
                }
            }
            return b.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
