package org.graphrec.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@code cypher … --param}: every way of giving several parameters keeps all of them. */
class CypherParamsTest {

    @Test
    void repeatedParamKeepsEveryPair() {
        assertThat(CypherCommands.params(new String[] {"for-user", "--param", "userId=u1", "--param", "k=5"}))
                .containsExactly("userId=u1", "k=5");
    }

    @Test
    void severalPairsAfterOneParamAndCommaSeparatedPairs() {
        assertThat(CypherCommands.params(new String[] {"--param", "userId=u1", "k=5", "--json"}))
                .containsExactly("userId=u1", "k=5");
        assertThat(CypherCommands.params(new String[] {"--param", "userId=u1,k=5"}))
                .containsExactly("userId=u1", "k=5");
        // a joined value as a shell may pass it
        assertThat(CypherCommands.params(new String[] {"--param", "userId=u1 k=5"}))
                .containsExactly("userId=u1", "k=5");
    }

    @Test
    void listValuesStayWholeAndOtherOptionsEndTheParams() {
        assertThat(CypherCommands.params(new String[] {"--param", "ids=a,b,c", "k=2", "--name", "x", "--param",
                "brand=Acme"})).containsExactly("ids=a,b,c", "k=2", "brand=Acme");
        assertThat(CypherCommands.params(new String[] {"qa/orphans", "--json"})).isEmpty();
        assertThat(CypherCommands.params(null)).isEmpty();
    }
}
