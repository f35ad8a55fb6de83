package org.graphrec.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.shell.standard.ShellComponent;
import org.springframework.shell.standard.ShellMethod;

/**
 * Every shell command name belongs to exactly one method: two {@code @ShellMethod}s with the same key make Spring
 * Shell keep one of them silently, and the other's options become unreachable (this happened to
 * {@code bench serve}).
 */
class CommandKeysTest {

    @Test
    void noTwoCommandsShareAName() throws Exception {
        Path dir = Path.of(StatsCommands.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/graphrec/shell");
        List<Class<?>> components = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = f.getFileName().toString().replace(".class", "");
                Class<?> type = Class.forName("org.graphrec.shell." + name);
                if (type.isAnnotationPresent(ShellComponent.class)) {
                    components.add(type);
                }
            }
        }
        assertThat(components).hasSizeGreaterThan(10);
        Map<String, String> owner = new HashMap<>();
        List<String> clashes = new ArrayList<>();
        for (Class<?> type : components) {
            for (var m : type.getDeclaredMethods()) {
                ShellMethod sm = m.getAnnotation(ShellMethod.class);
                if (sm == null) {
                    continue;
                }
                List<String> keys = sm.key().length > 0 ? List.of(sm.key()) : List.of(m.getName());
                for (String key : keys) {
                    String where = type.getSimpleName() + "." + m.getName();
                    String before = owner.putIfAbsent(key, where);
                    if (before != null) {
                        clashes.add("'" + key + "': " + before + " and " + where);
                    }
                }
            }
        }
        assertThat(owner).containsKeys("bench serve", "bench propagate", "recommend", "similar", "refresh");
        assertThat(clashes).isEmpty();
    }
}
