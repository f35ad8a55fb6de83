package org.graphrec.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.graphrec.config.UserException;
import org.graphrec.core.InteractionGraph.Split;
import org.graphrec.propagation.PropagateParameters;
import org.graphrec.propagation.PropagateParameters.Mode;
import org.graphrec.propagation.PropagationSummary;
import org.junit.jupiter.api.Test;

class PropagateAndEvaluateOptionsTest {

    static PropagateParameters parse(String mode, int d, String modalities, boolean noBrand, double wm) {
        return PropagateCommands.parameters(mode, d, 10, modalities, noBrand, false, wm, 0.3, 0.2, 4, 0.5, 0.5, 4,
                42, false, false, null);
    }

    @Test
    void coldStartOptionsAreValidatedWithOneLineErrors() {
        var defaults = PropagateCommands.coldStartOptions("on", 0, 42, 1);
        assertThat(defaults.mapping()).isTrue();
        assertThat(defaults.holdOut()).isNull();
        var holdOut = PropagateCommands.coldStartOptions("OFF", 0.2, 7, 0);
        assertThat(holdOut.mapping()).isFalse();
        assertThat(holdOut.holdOut().fraction()).isEqualTo(0.2);
        assertThat(holdOut.holdOut().seed()).isEqualTo(7);
        assertThatThrownBy(() -> PropagateCommands.coldStartOptions("maybe", 0, 1, 1)).isInstanceOf(UserException.class)
                .hasMessage("--cold-start: expected on or off, found 'maybe'");
        assertThatThrownBy(() -> PropagateCommands.coldStartOptions("on", 1.0, 1, 1)).isInstanceOf(UserException.class)
                .hasMessage("--cold-items: expected a fraction in [0, 1), found 1.0");
        assertThat(defaults.tolerance()).isEqualTo(1.0);
        assertThat(holdOut.tolerance()).isEqualTo(0.0);
        assertThatThrownBy(() -> PropagateCommands.coldStartOptions("on", 0, 1, -0.5))
                .isInstanceOf(UserException.class)
                .hasMessage("--cold-tolerance: expected a number of standard errors ≥ 0, found -0.5");
    }

    @Test
    void optionsBecomeValidatedParameters() {
        PropagateParameters p = parse("closed-form", 128, "image, audio", true, 0.5);
        assertThat(p.mode()).isEqualTo(Mode.CLOSED_FORM);
        assertThat(p.closedForm().dimension()).isEqualTo(128);
        assertThat(p.modalities()).containsExactly("image", "audio");
        assertThat(p.closedForm().brandWeight()).isZero();
        assertThat(p.closedForm().categoryWeight()).isEqualTo(0.2);
        assertThat(p.modalityWeight()).isEqualTo(0.5);
        assertThat(parse("itemknn", 64, null, false, 0.3).modalities()).isNull();
        assertThat(parse("mostpop", 64, "none", false, 0.3).modalities()).isEmpty();
    }

    static PropagateParameters trained(String mode, PropagateCommands.Training t) {
        return PropagateCommands.parameters(mode, 32, 5, null, false, false, 0.3, 0.3, 0.2, 4, 0.5, 0.5, 4, 9, false,
                false, null, t);
    }

    @Test
    void trainingOptionsBecomeTrainingParameters() {
        PropagateParameters p = trained("trained", new PropagateCommands.Training(3, 4, 2, 512, 0.01, 1, null));
        assertThat(p.mode()).isEqualTo(Mode.TRAINED);
        var tp = p.training();
        assertThat(tp.multimodal()).isTrue();
        assertThat(List.of(tp.dimension(), tp.knnK(), tp.maxEpochs(), tp.patience(), tp.evalEvery(), tp.batchSize(),
                tp.threads())).containsExactly(32, 5, 3, 4, 2, 512, 1);
        assertThat(tp.learningRate()).isEqualTo(0.01);
        assertThat(tp.seed()).isEqualTo(9);
        assertThat(trained("lightgcn", PropagateCommands.Training.defaults()).training().multimodal()).isFalse();
        assertThat(parse("closed-form", 64, null, false, 0.3).training()).isNull();
        assertThatThrownBy(() -> trained("trained", new PropagateCommands.Training(3, 0, 1, 512, 0.01, 1, null)))
                .isInstanceOf(UserException.class).hasMessageContaining("--patience");
        assertThatThrownBy(() -> trained("lightgcn", new PropagateCommands.Training(3, 1, 1, 512, -1.0, 1, null)))
                .isInstanceOf(UserException.class).hasMessageContaining("--learning-rate");
        assertThatThrownBy(() -> trained("lightgcn", new PropagateCommands.Training(3, 1, 1, 512, 0.01, 1,
                "/nonexistent-dir/x.ckpt"))).isInstanceOf(UserException.class).hasMessageContaining("--checkpoint");
    }

    @Test
    void modelOptionsOverrideTheModeDefaults() {
        var tp = trained("trained", new PropagateCommands.Training(3, 4, 2, 512, 0.01, 1, null, 3, 2, 0.3, 0.05,
                1e-5, true)).training();
        assertThat(List.of(tp.layers(), tp.itemItemLayers())).containsExactly(3, 2);
        assertThat(List.of(tp.edgeDropout(), tp.alignWeight(), tp.l2())).containsExactly(0.3, 0.05, 1e-5);
        assertThat(tp.warmStart()).isTrue();
        var defaults = trained("trained", PropagateCommands.Training.defaults()).training();
        assertThat(List.of(defaults.layers(), defaults.itemItemLayers())).containsExactly(3, 1);
        assertThat(List.of(defaults.edgeDropout(), defaults.alignWeight(), defaults.l2(), defaults.itemGraphShrink()))
                .containsExactly(0.3, 0.01, 0.0, 100.0);
        assertThat(List.of(defaults.batchSize(), defaults.evalEvery(), defaults.patience(), defaults.maxEpochs()))
                .containsExactly(8192, 5, 4, 300);
        assertThat(defaults.learningRate()).isEqualTo(0.004);
        var lightGcn = trained("lightgcn", PropagateCommands.Training.defaults()).training();
        assertThat(List.of(lightGcn.batchSize(), lightGcn.evalEvery(), lightGcn.patience())).containsExactly(8192, 5, 4);
        assertThat(List.of(lightGcn.l2(), lightGcn.learningRate())).containsExactly(1e-4, 0.004);
        assertThat(PropagateCommands.parameters("trained", 32, 5, null, false, false, 0.3, 0.3, 0.2, 4, 0.5, 0.5, 4,
                9, false, false, 30.0, PropagateCommands.Training.defaults()).training().itemGraphShrink())
                .as("--shrink reaches the trained mode's item graph").isEqualTo(30.0);
        assertThat(defaults.warmStart()).isFalse();
        assertThat(trained("lightgcn", PropagateCommands.Training.defaults()).training().layers()).isEqualTo(3);
        for (var bad : List.of(
                new Object[]{new PropagateCommands.Training(3, 4, 2, 512, 0.01, 1, null, -1, null, null, null, null,
                        false), "--layers"},
                new Object[]{new PropagateCommands.Training(3, 4, 2, 512, 0.01, 1, null, null, 17, null, null, null,
                        false), "--item-item-layers"},
                new Object[]{new PropagateCommands.Training(3, 4, 2, 512, 0.01, 1, null, null, null, 1.0, null, null,
                        false), "--edge-dropout"},
                new Object[]{new PropagateCommands.Training(3, 4, 2, 512, 0.01, 1, null, null, null, null, -0.1,
                        null, false), "--align-weight"},
                new Object[]{new PropagateCommands.Training(3, 4, 2, 512, 0.01, 1, null, null, null, null, null,
                        Double.NaN, false), "--l2"})) {
            assertThatThrownBy(() -> trained("trained", (PropagateCommands.Training) bad[0]))
                    .isInstanceOf(UserException.class).hasMessageContaining((String) bad[1]);
        }
    }

    @Test
    void badOptionsAreOneLineUserErrors() {
        assertThatThrownBy(() -> PropagateCommands.validUsers(-1, Mode.CLOSED_FORM)).isInstanceOf(UserException.class)
                .hasMessageContaining("--valid-users").hasMessageContaining("-1");
        assertThat(PropagateCommands.validUsers(0, Mode.CLOSED_FORM)).isZero();
        assertThat(PropagateCommands.validUsers(null, Mode.CLOSED_FORM)).isEqualTo(5000);
        assertThat(PropagateCommands.validUsers(null, Mode.TRAINED)).as("all users: early stopping").isZero();
        assertThat(parse("closed-form", 64, null, false, 0.3).validationUsers()).isEqualTo(5000);
        assertThat(trained("lightgcn", PropagateCommands.Training.defaults()).validationUsers()).isZero();
        assertThatThrownBy(() -> parse("closedform", 64, null, false, 0.3)).isInstanceOf(UserException.class)
                .hasMessageContaining("--mode").hasMessageContaining("did you mean 'closed-form'");
        assertThatThrownBy(() -> parse("closed-form", 5000, null, false, 0.3)).isInstanceOf(UserException.class)
                .hasMessageContaining("--dimension");
        assertThatThrownBy(() -> parse("closed-form", 64, null, false, -1)).isInstanceOf(UserException.class)
                .hasMessageContaining("--modality-weight");
        assertThatThrownBy(() -> EvaluateCommands.parameters("10,x", "test")).isInstanceOf(UserException.class)
                .hasMessageContaining("--k");
        assertThatThrownBy(() -> EvaluateCommands.parameters("10", "train")).isInstanceOf(UserException.class)
                .hasMessageContaining("--split");
        assertThat(EvaluateCommands.parameters("50,10,20", "valid").cutoffs()).containsExactly(10, 20, 50);
        assertThat(EvaluateCommands.parameters("20", "valid").split()).isEqualTo(Split.VALID);
    }

    /**
     * Spring Shell names an option after its Java parameter unless the annotation names it: a multi-word parameter
     * like {@code filterExponent} would only be reachable as {@code --filterExponent}, not as the documented
     * {@code --filter-exponent}. Every option of propagate and evaluate must be kebab-case and documented.
     */
    @Test
    void everyOptionIsKebabCaseAndDocumented() throws Exception {
        String docs = java.nio.file.Files.readString(java.nio.file.Path.of("docs", "propagation.md"));
        List<String> names = new java.util.ArrayList<>();
        for (Class<?> commands : List.of(PropagateCommands.class, EvaluateCommands.class)) {
            for (Option option : options(commands)) {
                names.add(option.name());
                assertThat(option.name()).as("option %s", option).matches("--[a-z0-9]+(-[a-z0-9]+)*");
                assertThat(docs).as("docs/propagation.md documents %s", option.name()).contains(option.name());
            }
        }
        // every other command too: a camelCase parameter without an explicit name is unreachable as documented
        for (Class<?> commands : List.of(BenchCommands.class, CypherCommands.class, DemoCommands.class,
                GenerateCommands.class, ImportCommands.class, RecommendCommands.class, RefreshCommands.class,
                ReportCommands.class, ServeBenchCommands.class, ServerCommands.class, StatsCommands.class)) {
            for (Option option : options(commands)) {
                assertThat(option.name()).as("option %s", option).matches("--[a-z0-9]+(-[a-z0-9]+)*");
            }
        }
        assertThat(names).contains("--filter-exponent", "--item-exponent", "--user-exponent", "--modality-weight",
                "--brand-weight", "--category-weight", "--no-brand", "--modalities", "--valid-users", "--max-epochs",
                "--learning-rate", "--batch-size", "--eval-every", "--json", "--split", "--layers",
                "--item-item-layers", "--edge-dropout", "--align-weight", "--l2", "--warm-start");
    }

    @Test
    void summarySaysWhenValidationWasASample() {
        String text = PropagateCommands.render(new PropagationSummary("closed-form", "2 users", 64, null, 0L, false,
                Double.NaN, 0, 0, 0, Map.of(), Map.of("recall@20", 0.1, "users", 5000.0, "eligibleUsers", 39387.0), null,
                null));
        assertThat(text).contains("seeded sample of 5,000 of 39,387 users");
        String full = PropagateCommands.render(new PropagationSummary("closed-form", "2 users", 64, null, 0L, false,
                Double.NaN, 0, 0, 0, Map.of(), Map.of("recall@20", 0.1, "users", 7.0, "eligibleUsers", 7.0), null, null));
        assertThat(full).doesNotContain("sample");
    }

    @Test
    void summaryShowsTimingsMemoryMetricsAndTheRun() {
        String text = PropagateCommands.render(new PropagationSummary("closed-form", "2 users", 64, "run-1", 3, true, 1.5,
                10L << 20, 20L << 20, 12L << 20, Map.of("load", 1.25), Map.of("recall@20", 0.1, "ndcg@20", 0.05), null,
                null));
        assertThat(text).contains("estimated 10 MiB", "peak heap 12 MiB after collections", "20 MiB before them", "load", "1.25", "0.1000", "run-1", "version 3");
        assertThat(List.of(text.split("\n"))).anyMatch(l -> l.startsWith("valid"));
    }

    /** One option of a shell command: where it is declared and the name the shell accepts. */
    private record Option(String command, String method, String parameter, String name) {
    }

    /** The options of every {@code @ShellMethod} of {@code commands}. */
    private static List<Option> options(Class<?> commands) {
        List<Option> options = new java.util.ArrayList<>();
        for (java.lang.reflect.Method m : commands.getDeclaredMethods()) {
            if (!m.isAnnotationPresent(org.springframework.shell.standard.ShellMethod.class)) {
                continue;
            }
            for (java.lang.reflect.Parameter p : m.getParameters()) {
                assertThat(p.isNamePresent()).as("compiled with -parameters").isTrue();
                org.springframework.shell.standard.ShellOption o =
                        p.getAnnotation(org.springframework.shell.standard.ShellOption.class);
                String name = o != null && o.value().length > 0 ? o.value()[0] : "--" + p.getName();
                options.add(new Option(commands.getSimpleName(), m.getName(), p.getName(), name));
            }
        }
        return options;
    }
}
