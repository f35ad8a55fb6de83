package org.graphrec.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.graphrec.GraphrecApplication;
import org.graphrec.config.ConnectionSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.Shell;

/**
 * Tab completion of command and option names, asked of the shell the way JLine asks it when the user presses TAB
 * (the application context of the real shell, with its runners switched off so that nothing reads stdin).
 */
class TabCompletionTest {

    @TempDir
    static Path dir;
    static ConfigurableApplicationContext context;
    static Shell shell;

    @BeforeAll
    static void start() {
        System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        SpringApplication app = new SpringApplication(GraphrecApplication.class);
        ConnectionSettings settings = ConnectionSettings.embedded(dir.resolve("db"));
        app.addInitializers(c -> c.getBeanFactory().registerSingleton("connectionSettings", settings));
        // command-line properties outrank application.properties (which switches the interactive runner on)
        context = app.run("--spring.shell.interactive.enabled=false", "--spring.shell.noninteractive.enabled=false",
                "--spring.shell.script.enabled=false");
        shell = context.getBean(Shell.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static List<String> complete(String... words) {
        String last = words[words.length - 1];
        return shell.complete(new CompletionContext(List.of(words), words.length - 1, last.length(), null, null))
                .stream().map(CompletionProposal::value).toList();
    }

    @Test
    void completesCommandNames() {
        assertThat(complete("reco")).contains("recommend").doesNotContain("similar", "stats");
        assertThat(complete("ref")).contains("refresh");
        assertThat(complete("bench", "")).contains("serve", "propagate", "scale", "import", "all");
    }

    @Test
    void completesOptionNamesOfACommand() {
        assertThat(complete("recommend", "--")).contains("--user", "--k", "--brand", "--category", "--exclude-seen",
                "--diversify", "--like", "--json");
        assertThat(complete("similar", "--b")).contains("--by");
        assertThat(complete("propagate", "--max")).contains("--max-epochs");
    }
}
