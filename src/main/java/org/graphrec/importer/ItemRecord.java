package org.graphrec.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An item's attributes as read from a catalogue; every attribute may be null (items known only from
 * interactions have none).
 *
 * @param id          the catalogue's item id
 * @param title       title, or null
 * @param description description, or null
 * @param brand       brand name, or null
 * @param categories  category names (distinct, in input order; empty when none)
 */
public record ItemRecord(String id, String title, String description, String brand, List<String> categories) {

    public ItemRecord {
        Objects.requireNonNull(id, "id");
        title = blankToNull(title);
        description = blankToNull(description);
        brand = blankToNull(brand);
        List<String> distinct = new ArrayList<>();
        for (String c : categories == null ? List.<String>of() : categories) {
            String name = blankToNull(c);
            if (name != null && !distinct.contains(name)) {
                distinct.add(name);
            }
        }
        categories = List.copyOf(distinct);
    }

    /** An item with only an id. */
    public static ItemRecord bare(String id) {
        return new ItemRecord(id, null, null, null, List.of());
    }

    /** True when no attribute is set. */
    public boolean isBare() {
        return title == null && description == null && brand == null && categories.isEmpty();
    }

    /** True when the item has text to embed. */
    public boolean hasText() {
        return title != null || description != null;
    }

    /** The text to embed: title and description joined by ". ". */
    public String text() {
        if (title == null) {
            return description;
        }
        return description == null ? title : title + ". " + description;
    }

    /** The first attribute that differs from {@code other}, as "title 'a' vs 'b'", or null when equal. */
    public String conflictWith(ItemRecord other) {
        if (!Objects.equals(title, other.title)) {
            return "title '" + other.title + "' vs '" + title + "'";
        }
        if (!Objects.equals(description, other.description)) {
            return "a different description";
        }
        if (!Objects.equals(brand, other.brand)) {
            return "brand '" + other.brand + "' vs '" + brand + "'";
        }
        if (!Objects.equals(categories, other.categories)) {
            return "categories " + other.categories + " vs " + categories;
        }
        return null;
    }

    private static String blankToNull(String text) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        return stripped.isEmpty() ? null : stripped;
    }
}
