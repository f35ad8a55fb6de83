package org.graphrec.importer;

import java.util.concurrent.atomic.AtomicLong;
import org.neo4j.batchimport.api.InputIterable;
import org.neo4j.batchimport.api.InputIterator;
import org.neo4j.batchimport.api.input.InputChunk;
import org.neo4j.batchimport.api.input.InputEntityVisitor;

/**
 * Entities {@code 0 … count-1} handed to the import engine in chunks of consecutive indexes; an {@link Entity}
 * writes entity {@code index} into the engine's visitor. The engine's reader threads share one iterator, so
 * handing out a chunk is synchronised; writing the entities of a chunk is not (an Entity must be safe to call from
 * several threads, which reading immutable arrays is).
 */
final class RangeInput implements InputIterable {

    /** Writes one entity (its id or end points, labels or type, properties) into the engine's visitor. */
    @FunctionalInterface
    interface Entity {
        void write(long index, InputEntityVisitor visitor);
    }

    private static final int CHUNK = 10_000;

    private final long count;
    private final Entity entity;
    private final AtomicLong handedOut;

    /**
     * @param handedOut counts the entities handed to the engine (for progress)
     */
    RangeInput(long count, Entity entity, AtomicLong handedOut) {
        this.count = count;
        this.entity = entity;
        this.handedOut = handedOut;
    }

    @Override
    public InputIterator iterator() {
        return new InputIterator() {
            private long next;

            @Override
            public InputChunk newChunk() {
                return new Chunk();
            }

            @Override
            public synchronized boolean next(InputChunk chunk) {
                if (next >= count) {
                    return false;
                }
                Chunk c = (Chunk) chunk;
                c.next = next;
                c.end = Math.min(count, next + CHUNK);
                handedOut.addAndGet(c.end - c.next);
                next = c.end;
                return true;
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    private final class Chunk implements InputChunk {
        private long next;
        private long end;

        @Override
        public boolean next(InputEntityVisitor visitor) throws java.io.IOException {
            if (next >= end) {
                return false;
            }
            entity.write(next++, visitor);
            visitor.endOfEntity();
            return true;
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
