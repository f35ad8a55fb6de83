package org.graphrec.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.graphrec.config.UserException;
import org.junit.jupiter.api.Test;

/** {@code bench serve --only}: which groups of rows it names, and a clear error for anything else. */
class ServeBenchOnlyTest {

    @Test
    void withoutOnlyEveryGroupIsMeasured() {
        assertThat(ServeBenchCommands.parts(null)).containsExactlyInAnyOrder("recommend", "similar", "neighbours",
                "search");
    }

    @Test
    void onlyNamesGroupsCommaSeparated() {
        assertThat(ServeBenchCommands.parts("recommend, similar")).containsExactly("recommend", "similar");
        assertThat(ServeBenchCommands.parts("search")).containsExactly("search");
    }

    @Test
    void anUnknownGroupIsAUserError() {
        assertThatThrownBy(() -> ServeBenchCommands.parts("recommend,neighbors"))
                .isInstanceOf(UserException.class)
                .hasMessage("--only: expected some of recommend, similar, neighbours, search (comma-separated), "
                        + "found 'neighbors'");
    }
}
