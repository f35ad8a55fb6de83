package org.graphrec.importer;

import java.io.IOException;
import org.neo4j.batchimport.api.InputIterable;
import org.neo4j.batchimport.api.InputIterator;
import org.neo4j.batchimport.api.input.Collector;
import org.neo4j.batchimport.api.input.IdType;
import org.neo4j.batchimport.api.input.Input;
import org.neo4j.batchimport.api.input.InputChunk;
import org.neo4j.batchimport.api.input.PropertySizeCalculator;
import org.neo4j.batchimport.api.input.ReadableGroups;

/** An input whose relationships fail after the first chunk: an import engine failure part way, for tests. */
final class FailingInput implements Input {

    static final String MESSAGE = "injected failure while reading relationships";

    private final Input delegate;
    private final int chunksBeforeFailure;

    FailingInput(Input delegate, int chunksBeforeFailure) {
        this.delegate = delegate;
        this.chunksBeforeFailure = chunksBeforeFailure;
    }

    @Override
    public InputIterable nodes(Collector collector) {
        return delegate.nodes(collector);
    }

    @Override
    public InputIterable relationships(Collector collector) {
        InputIterable inner = delegate.relationships(collector);
        return () -> {
            InputIterator it = inner.iterator();
            return new InputIterator() {
                private int chunks;

                @Override
                public InputChunk newChunk() {
                    return it.newChunk();
                }

                @Override
                public synchronized boolean next(InputChunk chunk) throws IOException {
                    if (chunks++ >= chunksBeforeFailure) {
                        throw new IOException(MESSAGE);
                    }
                    return it.next(chunk);
                }

                @Override
                public void close() throws IOException {
                    it.close();
                }
            };
        };
    }

    @Override
    public IdType idType() {
        return delegate.idType();
    }

    @Override
    public ReadableGroups groups() {
        return delegate.groups();
    }

    @Override
    public Estimates validateAndEstimate(PropertySizeCalculator sizes) throws IOException {
        return delegate.validateAndEstimate(sizes);
    }
}
