package org.graphrec.procedures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin jar holds only {@code org.graphrec.procedures}: its compiled classes must reference no other graphrec
 * class (they would be missing inside an external Neo4j server) and no library outside the JDK and Neo4j.
 */
class ProcedurePluginTest {

    private static final Pattern CLASS_NAME = Pattern.compile("L?([a-z][a-z0-9_]*(?:/[A-Za-z0-9_$]+)+)");

    @Test
    void procedureClassesReferenceOnlyTheJdkNeo4jAndThemselves() throws IOException {
        Path dir = Path.of(ServingProcedures.class.getProtectionDomain().getCodeSource().getLocation().getPath(),
                "org", "graphrec", "procedures");
        List<Path> classes;
        try (Stream<Path> files = Files.list(dir)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertThat(classes).extracting(p -> p.getFileName().toString()).contains("ServingProcedures.class",
                "ItemVectorCache.class", "ItemMatrix.class");
        List<String> foreign = new ArrayList<>();
        for (Path c : classes) {
            // class references sit in the constant pool as modified-UTF-8 names like org/neo4j/graphdb/Node
            String text = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
            Matcher m = CLASS_NAME.matcher(text);
            while (m.find()) {
                String name = m.group(1);
                boolean allowed = name.startsWith("java/") || name.startsWith("org/neo4j/")
                        || name.startsWith("org/graphrec/procedures/") || !name.startsWith("org/")
                        && !name.startsWith("com/") && !name.startsWith("io/") && !name.startsWith("net/");
                if (!allowed) {
                    foreign.add(c.getFileName() + " → " + name);
                }
            }
        }
        assertThat(foreign).as("references the plugin jar could not satisfy").isEmpty();
    }
}
