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

    /** Category names with the product nouns their items are named after, in a fixed order. */
    private static final String[][] CATEGORY_NOUNS = {
            {"Kitchen", "kettle|skillet|knife set|cutting board|blender"},
            {"Outdoor", "lantern|hammock|camp chair|cooler"},
            {"Books", "novel|short story collection|atlas|biography"},
            {"Toys", "building set|plush toy|puzzle|toy train"},
            {"Beauty", "lip balm|perfume|makeup brush|nail polish"},
            {"Garden", "planter|watering can|pruning shears|seed kit"},
            {"Music", "vinyl record|ukulele|guitar strings|songbook"},
            {"Sports", "football|tennis racket|water bottle|sports bag"},
            {"Electronics", "charger|power bank|smart plug|cable set"},
            {"Office", "desk organizer|stapler|desk lamp|monitor stand"},
            {"Pets", "dog bed|cat toy|leash|pet bowl"},
            {"Baby", "baby blanket|teether|stroller fan|bib set"},
            {"Automotive", "car charger|seat cover|dash cam|tire gauge"},
            {"Crafts", "yarn bundle|paint set|sketchbook|embroidery kit"},
            {"Health", "massage ball|thermometer|pill organizer|heating pad"},
            {"Home Decor", "candle|wall art|vase|throw pillow"},
            {"Tools", "drill bit set|screwdriver|tape measure|toolbox"},
            {"Travel", "packing cubes|travel pillow|luggage tag|toiletry bag"},
            {"Fashion", "jacket|scarf|sneakers|belt"},
            {"Games", "card game|dice set|game controller|puzzle box"},
            {"Jewelry", "bracelet|necklace|ring|earrings"},
            {"Lighting", "floor lamp|string lights|bulb set|night light"},
            {"Stationery", "notebook|pen set|planner|washi tape"},
            {"Camping", "tent|sleeping bag|camp stove|headlamp"},
            {"Fitness", "yoga mat|dumbbell|jump rope|resistance band"},
            {"Audio", "headphones|speaker|earbuds|turntable"},
            {"Photography", "camera|tripod|lens filter|camera strap"},
            {"Bath", "towel|robe|bath mat|soap"},
            {"Bedding", "duvet|pillow|sheet set|blanket"},
            {"Snacks", "snack box|trail mix|granola|chocolate bar"},
            {"Tea & Coffee", "coffee beans|tea sampler|teapot|mug"},
            {"Cycling", "bike light|saddle bag|helmet|cycling gloves"},
            {"Party", "balloon set|party lights|confetti|gift wrap"},
            {"Comics", "comic|graphic novel|figurine|art book"},
            {"Board Games", "board game|strategy game|card deck|game timer"},
            {"Yoga", "yoga block|meditation cushion|yoga strap|mat bag"},
            {"Fishing", "fishing rod|reel|tackle box|lure set"},
            {"Climbing", "harness|chalk bag|carabiner|climbing rope"},
            {"Skincare", "serum|moisturizer|face mask|cleanser"},
            {"Gourmet", "spice kit|olive oil|truffle salt|grinder"},
    };

    /** Category names (a number is appended when more categories than names are asked for). */
    static final List<String> CATEGORIES = java.util.Arrays.stream(CATEGORY_NOUNS).map(row -> row[0]).toList();

    /** The product nouns of the {@code k}-th category name. */
    static List<String> nouns(int k) {
        return List.of(CATEGORY_NOUNS[k % CATEGORY_NOUNS.length][1].split("\\|"));
    }

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
