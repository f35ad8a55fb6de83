package org.graphrec.shell;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.jline.PromptProvider;

/** The interactive prompt: {@code graphrec>}. */
@Configuration
public class Prompt {

    @Bean
    PromptProvider graphrecPrompt() {
        return () -> new AttributedString("graphrec> ", AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN));
    }
}
