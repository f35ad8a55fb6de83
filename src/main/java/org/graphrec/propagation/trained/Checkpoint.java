package org.graphrec.propagation.trained;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;

/**
 * The training checkpoint file: parameters (embeddings and projections), Adam moments and step, completed
 * epochs, random-generator state, best-so-far embeddings and metrics, and the epoch history — everything a
 * killed run needs to resume bit-identically. Written to a temporary file and moved into place atomically, so
 * a kill during the write leaves the previous checkpoint intact. The file records the parameter fingerprint;
 * resuming under different training settings is refused.
 */
final class Checkpoint {

    private static final String MAGIC = "graphrec-trained-checkpoint";
    private static final int VERSION = 1;

    private Checkpoint() {
    }

    static void write(Path file, String fingerprint, TrainedPropagation.State state) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp),
                    1 << 16))) {
                out.writeUTF(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(fingerprint);
                out.writeInt(state.epoch);
                out.writeLong(state.step);
                out.writeLong(state.rngState);
                out.writeDouble(state.bestRecall);
                out.writeDouble(state.bestNdcg);
                out.writeInt(state.bestEpoch);
                out.writeInt(state.sinceBest);
                out.writeBoolean(state.finished);
                out.writeBoolean(state.stoppedEarly);
                writeFloats(out, state.theta);
                writeFloats(out, state.adamM);
                writeFloats(out, state.adamV);
                writeFloats(out, state.bestUsers);
                writeFloats(out, state.bestItems);
                out.writeInt(state.history.size());
                for (EpochStats e : state.history) {
                    out.writeInt(e.epoch());
                    out.writeDouble(e.loss());
                    out.writeDouble(e.validRecall());
                    out.writeDouble(e.validNdcg());
                    out.writeDouble(e.trainSeconds());
                    out.writeDouble(e.evalSeconds());
                }
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    static TrainedPropagation.State read(Path file, String fingerprint, int parameterCount) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!MAGIC.equals(in.readUTF()) || in.readInt() != VERSION) {
                throw new IOException("not a graphrec training checkpoint (version " + VERSION + ")");
            }
            String stored = in.readUTF();
            if (!stored.equals(fingerprint)) {
                throw new IllegalArgumentException(file + ": checkpoint was written with other training settings ("
                        + stored + "), expected (" + fingerprint + "); delete it or use the same settings");
            }
            TrainedPropagation.State state = new TrainedPropagation.State();
            state.epoch = in.readInt();
            state.step = in.readLong();
            state.rngState = in.readLong();
            state.bestRecall = in.readDouble();
            state.bestNdcg = in.readDouble();
            state.bestEpoch = in.readInt();
            state.sinceBest = in.readInt();
            state.finished = in.readBoolean();
            state.stoppedEarly = in.readBoolean();
            state.theta = readFloats(in);
            state.adamM = readFloats(in);
            state.adamV = readFloats(in);
            state.bestUsers = readFloats(in);
            state.bestItems = readFloats(in);
            if (state.theta.length != parameterCount) {
                throw new IOException("checkpoint has " + state.theta.length + " parameters, the graph needs "
                        + parameterCount + " (different data set?)");
            }
            int epochs = in.readInt();
            state.history = new ArrayList<>(epochs);
            for (int e = 0; e < epochs; e++) {
                state.history.add(new EpochStats(in.readInt(), in.readDouble(), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readDouble()));
            }
            return state;
        }
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int n = in.readInt();
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
