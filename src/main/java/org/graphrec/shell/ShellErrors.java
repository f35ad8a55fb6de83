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

    @Bean
    CommandExceptionResolver userErrorResolver() {
        return error -> {
            if (error instanceof UserException user) {
                return CommandHandlingResult.of("error: " + user.getMessage() + "\n", user.exitCode());
            }
            if (error instanceof JobOutcome outcome) {
                return CommandHandlingResult.of(outcome.getMessage(), outcome.exitCode());
            }
            return null;
        };
    }

    /** Option parse errors: one plain line, exit code 2, and "did you mean" for misspelt option names. */
    @Bean
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    CommandExceptionResolver parserErrorResolver(org.springframework.beans.factory.ObjectProvider<
            org.springframework.shell.command.CommandCatalog> catalog) {
        return error -> {
            if (!(error instanceof org.springframework.shell.command.CommandExecution.CommandParserExceptionsException
                    parse)) {
                return null;
            }
            java.util.Set<String> options = new java.util.TreeSet<>(org.graphrec.config.GlobalOptions.NAMES);
            catalog.getObject().getRegistrations().values().forEach(r -> r.getOptions().forEach(o -> {
                for (String name : o.getLongNames()) {
                    options.add("--" + name);
                }
            }));
            StringBuilder out = new StringBuilder();
            for (var e : parse.getParserExceptions()) {
                String message = e.getMessage();
                var unknown = java.util.regex.Pattern.compile("Unrecognised option '(--[^']+)'").matcher(message);
                out.append("error: ").append(message);
                if (unknown.find()) {
                    out.append(Suggestions.didYouMean(unknown.group(1), options));
                }
                out.append('\n');
            }
            return CommandHandlingResult.of(out.toString(), UserException.INPUT_ERROR);
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
