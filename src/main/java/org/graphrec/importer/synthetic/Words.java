package org.graphrec.importer.synthetic;

import java.util.List;

/** Word lists from which synthetic titles, descriptions, brand and category names are made. */
final class Words {

    private Words() {
    }

    /** Theme words; each taste cluster owns a few, so titles of one cluster share vocabulary. */
    static final List<String> THEMES = List.of("alpine", "coastal", "urban", "vintage", "organic", "nordic",
            "desert", "garden", "midnight", "solar", "retro", "classic", "rustic", "tropical", "arctic", "forest",
            "harbor", "meadow", "canyon", "island", "prairie", "summit", "lagoon", "velvet", "copper", "cedar",
            "granite", "amber", "ivory", "cobalt", "saffron", "indigo", "crimson", "jade", "maple", "willow",
            "orchid", "lotus", "thunder", "aurora", "galaxy", "comet", "nebula", "pixel", "quantum", "turbo",
            "electric", "acoustic", "analog", "digital", "safari", "glacier", "volcano", "river", "ocean", "sunset",
            "sunrise", "moonlight", "starlight", "citrus", "mint", "lavender", "sage", "basil", "honey", "cocoa",
            "espresso", "matcha", "bamboo", "linen", "wool", "leather", "denim", "silk", "marble", "oak", "walnut",
            "birch", "pine", "coral", "pearl", "onyx", "ruby", "emerald", "sapphire", "topaz", "falcon", "wolf",
            "bear", "fox", "owl", "lynx", "raven", "tiger", "dolphin", "panda", "zen", "nomad", "pioneer", "voyager");

    /** Category names (a number is appended when more categories than names are asked for). */
    static final List<String> CATEGORIES = List.of("Kitchen", "Outdoor", "Books", "Toys", "Beauty", "Garden",
            "Music", "Sports", "Electronics", "Office", "Pets", "Baby", "Automotive", "Crafts", "Health",
            "Home Decor", "Tools", "Travel", "Fashion", "Games", "Jewelry", "Lighting", "Stationery", "Camping",
            "Fitness", "Audio", "Photography", "Bath", "Bedding", "Snacks", "Tea & Coffee", "Cycling", "Party",
            "Comics", "Board Games", "Yoga", "Fishing", "Climbing", "Skincare", "Gourmet");

    /** Product nouns; each category owns a few. */
    static final List<String> NOUNS = List.of("lantern", "backpack", "kettle", "notebook", "headphones", "blender",
            "jacket", "sneakers", "puzzle", "candle", "planter", "speaker", "camera", "tripod", "mug", "teapot",
            "blanket", "pillow", "lamp", "watch", "bracelet", "necklace", "wallet", "helmet", "gloves", "scarf",
            "bottle", "tent", "hammock", "skillet", "knife set", "cutting board", "yoga mat", "dumbbell", "jump rope",
            "board game", "card deck", "novel", "cookbook", "journal", "pen set", "desk organizer", "charger",
            "keyboard", "mouse", "monitor stand", "drone", "bike light", "saddle bag", "fishing rod", "reel",
            "harness", "chalk bag", "serum", "moisturizer", "shampoo", "soap", "towel", "robe", "comic", "figurine",
            "plush toy", "building set", "snack box", "coffee beans", "tea sampler", "spice kit", "grinder");

    /** Adjectives for titles and descriptions. */
    static final List<String> ADJECTIVES = List.of("compact", "deluxe", "lightweight", "handmade", "premium",
            "essential", "portable", "durable", "wireless", "foldable", "waterproof", "ergonomic", "minimalist",
            "smart", "cozy", "rugged", "elegant", "everyday", "pro", "mini", "classic", "limited edition");

    /** Closing phrases of descriptions. */
    static final List<String> PHRASES = List.of("Built to last, easy to clean.", "Ships in recyclable packaging.",
            "A favourite gift for every season.", "Designed by a small team, tested for a year.",
            "Comes with a two-year warranty.", "Pairs well with the rest of the collection.",
            "Made from responsibly sourced materials.", "Quiet, simple, and reliable.");

    /** Syllables of brand names. */
    static final List<String> SYLLABLES = List.of("ka", "lo", "ven", "tra", "mi", "zu", "ro", "sel", "dan", "vi",
            "qua", "nor", "bel", "ta", "rix", "mo", "lux", "fen", "gra", "po", "sun", "kor", "ela", "ish", "ter",
            "va", "del", "on", "ar", "ix");

    /** Capitalises the first letter of each word. */
    static String title(String words) {
        StringBuilder out = new StringBuilder(words.length());
        boolean start = true;
        for (int i = 0; i < words.length(); i++) {
            char c = words.charAt(i);
            out.append(start ? Character.toUpperCase(c) : c);
            start = c == ' ';
        }
        return out.toString();
    }
}
