package org.graphrec.importer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.graphrec.config.UserException;

/**
 * A validated catalogue, the common form every reader produces and {@link CatalogueWriter} writes: users,
 * items with attributes, one interaction per user–item pair (rating, timestamp, split) and per-modality vector
 * sources. Users and items are addressed by index; ids are the catalogue's own strings.
 */
public final class Catalogue {

    private final String name;
    private final String format;
    private final List<Path> files;
    private final List<String> users;
    private final List<ItemRecord> items;
    private final Interactions interactions;
    private final List<EmbeddingSource> embeddings;
    private final long rowsRead;
    private final long duplicatesDropped;

    private Catalogue(Builder b, Interactions interactions) {
        this.name = b.name;
        this.format = b.format;
        this.files = List.copyOf(b.files);
        this.users = b.users;
        this.items = b.items;
        this.interactions = interactions;
        this.embeddings = List.copyOf(b.embeddings);
        this.rowsRead = b.raw.size();
        this.duplicatesDropped = b.raw.size() - interactions.size();
    }

    /** Starts a catalogue called {@code name} (the dataset name) read from {@code format}. */
    public static Builder builder(String name, String format) {
        return new Builder(name, format);
    }

    public String name() {
        return name;
    }

    public String format() {
        return format;
    }

    /** The input files (for checksums). */
    public List<Path> files() {
        return files;
    }

    public List<String> users() {
        return users;
    }

    public List<ItemRecord> items() {
        return items;
    }

    public Interactions interactions() {
        return interactions;
    }

    public List<EmbeddingSource> embeddings() {
        return embeddings;
    }

    /** Interaction rows accepted from the input, before removing repeated user–item pairs. */
    public long rowsRead() {
        return rowsRead;
    }

    /** Repeated user–item pairs dropped (the latest one was kept). */
    public long duplicatesDropped() {
        return duplicatesDropped;
    }

    /** Collects a catalogue while reading; {@link #build()} deduplicates the interactions. */
    public static final class Builder {
        private final String name;
        private final String format;
        private final List<Path> files = new ArrayList<>();
        private final List<String> users = new ArrayList<>();
        private final Map<String, Integer> userIndex = new HashMap<>();
        private final List<ItemRecord> items = new ArrayList<>();
        private final Map<String, Integer> itemIndex = new HashMap<>();
        private final Map<Integer, String> itemOrigin = new HashMap<>();
        private final Interactions raw = new Interactions(1024);
        private final List<EmbeddingSource> embeddings = new ArrayList<>();

        private Builder(String name, String format) {
            this.name = name;
            this.format = format;
        }

        /** Records an input file for the import's checksums. */
        public Builder file(Path file) {
            files.add(file);
            return this;
        }

        /** The index of user {@code id}, adding the user when new. */
        public int user(String id) {
            Integer index = userIndex.get(id);
            if (index == null) {
                index = users.size();
                users.add(id);
                userIndex.put(id, index);
            }
            return index;
        }

        /** The index of item {@code id}, adding it without attributes when new. */
        public int item(String id) {
            Integer index = itemIndex.get(id);
            if (index == null) {
                index = items.size();
                items.add(ItemRecord.bare(id));
                itemIndex.put(id, index);
            }
            return index;
        }

        /** The index of item {@code id}, or -1 when unknown. */
        public int findItem(String id) {
            Integer index = itemIndex.get(id);
            return index == null ? -1 : index;
        }

        public int itemCount() {
            return items.size();
        }

        public int userCount() {
            return users.size();
        }

        public ItemRecord item(int index) {
            return items.get(index);
        }

        /**
         * Adds or completes an item read at {@code where}. An item known without attributes takes these; an item
         * already read with attributes must have the same ones.
         *
         * @return null when accepted, otherwise the reason to reject the row (names the earlier line)
         */
        public String putItem(ItemRecord record, String where) {
            Integer index = itemIndex.get(record.id());
            if (index == null) {
                index = items.size();
                items.add(record);
                itemIndex.put(record.id(), index);
                itemOrigin.put(index, where);
                return null;
            }
            ItemRecord existing = items.get(index);
            String origin = itemOrigin.get(index);
            if (origin == null) {
                items.set(index, record);
                itemOrigin.put(index, where);
                return null;
            }
            String conflict = existing.conflictWith(record);
            return conflict == null ? null : "duplicate item id '" + record.id() + "' conflicts with " + origin
                    + ": " + conflict;
        }

        /** Adds an interaction; {@code rating} NaN and {@code timestamp} {@link Interactions#NO_TIMESTAMP} when absent. */
        public void interaction(int user, int item, float rating, long timestamp, Split split) {
            raw.add(user, item, rating, timestamp, split);
        }

        public int interactionCount() {
            return raw.size();
        }

        public Builder embedding(EmbeddingSource source) {
            for (EmbeddingSource e : embeddings) {
                if (e.modality().equals(source.modality())) {
                    throw new UserException("two vector files for modality '" + source.modality() + "': "
                            + e.file() + " and " + source.file());
                }
            }
            embeddings.add(source);
            return this;
        }

        /** The catalogue with one interaction per user–item pair (latest timestamp, then latest row, wins). */
        public Catalogue build() {
            return new Catalogue(this, raw.deduplicated(users.size()));
        }
    }
}
