package org.graphrec.shell;

import org.graphrec.config.Suggestions;
import org.graphrec.config.UserException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.command.CommandExceptionResolver;
import org.springframework.shell.command.CommandHandlingResult;
import org.springframework.shell.result.CommandNotFoundMessageProvider;

/** Maps errors to one-line messages and exit codes; unknown commands get a "did you mean". */
@Configuration
public class ShellErrors {

    /** Exit code of an unexpected internal error (a bug: the message says where the details are). */
    public static final int INTERNAL_ERROR = 1;

    @Bean
    CommandExceptionResolver userErrorResolver() {
        return error -> {
            if (error instanceof UserException user) {
                return CommandHandlingResult.of("error: " + user.getMessage() + "\n", user.exitCode());
            }
            return null;
        };
    }

    @Bean
    CommandNotFoundMessageProvider commandNotFoundMessageProvider() {
        return context -> {
            String text = context.text() == null ? "" : context.text().trim();
            String word = text.isEmpty() ? "" : text.split("\\s+")[0];
            return "error: unknown command '" + word + "'" + Suggestions.didYouMean(word, context.registrations().keySet())
                    + " (try 'help')";
        };
    }
}
