package io.driftwatch.repo;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layout stays as README's architecture section describes it: data flows one way through the
 * stages (config → source → drift → rules → alert → action), the evaluation stage drives them, and the
 * parts around them (store, http, cli, app) are where the README says.
 */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.driftwatch");

    @Test
    void noClassLivesInTheRootPackage() {
        classes().should().resideOutsideOfPackage("io.driftwatch").check(CLASSES);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.driftwatch.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void dependenciesFollowThePipeline() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("io.driftwatch..")
                .layer("util").definedBy("io.driftwatch.util..")
                .layer("config").definedBy("io.driftwatch.config..")
                .layer("store").definedBy("io.driftwatch.store..")
                .layer("source").definedBy("io.driftwatch.source..")
                .layer("table").definedBy("io.driftwatch.table..")
                .layer("drift").definedBy("io.driftwatch.drift..")
                .layer("quality").definedBy("io.driftwatch.quality..")
                .layer("metrics").definedBy("io.driftwatch.metrics..")
                .layer("rules").definedBy("io.driftwatch.rules..")
                .layer("alert").definedBy("io.driftwatch.alert..")
                .layer("action").definedBy("io.driftwatch.action..")
                .layer("evaluation").definedBy("io.driftwatch.evaluation..")
                .layer("schedule").definedBy("io.driftwatch.schedule..")
                .layer("view").definedBy("io.driftwatch.view..")
                .layer("http").definedBy("io.driftwatch.http..")
                .layer("demo").definedBy("io.driftwatch.demo..")
                .layer("cli").definedBy("io.driftwatch.cli..")
                .layer("app").definedBy("io.driftwatch.app..")
                .whereLayer("util").mayOnlyAccessLayers("util")
                .whereLayer("config").mayOnlyAccessLayers("util")
                .whereLayer("store").mayOnlyAccessLayers("config", "util")
                .whereLayer("source").mayOnlyAccessLayers("config", "store", "util")
                .whereLayer("table").mayOnlyAccessLayers("util")
                .whereLayer("drift").mayOnlyAccessLayers("util")
                .whereLayer("quality").mayOnlyAccessLayers("source", "util")
                .whereLayer("metrics").mayOnlyAccessLayers("drift", "quality", "util")
                .whereLayer("rules").mayOnlyAccessLayers("config", "drift", "quality", "store", "util")
                .whereLayer("alert").mayOnlyAccessLayers("config", "rules", "metrics", "store", "util")
                .whereLayer("action").mayOnlyAccessLayers("config", "source", "alert", "metrics", "store", "util")
                .whereLayer("evaluation").mayOnlyAccessLayers("config", "source", "table", "drift", "quality",
                        "metrics", "rules", "alert", "store", "util")
                .whereLayer("schedule").mayOnlyAccessLayers("config", "util")
                .whereLayer("view").mayOnlyAccessLayers("util")
                .whereLayer("http").mayOnlyAccessLayers("config", "source", "metrics", "alert", "action", "evaluation",
                        "view", "util")
                .whereLayer("demo").mayOnlyAccessLayers("util")
                .check(CLASSES);
    }

    @Test
    void httpSeesOnlyTheEvaluationsApi() {
        noClasses().that().resideInAPackage("io.driftwatch.http..").should().dependOnClassesThat(
                        DescribedPredicate.describe("evaluation internals (anything but EvaluationRow)",
                                c -> c.getPackageName().equals("io.driftwatch.evaluation")
                                        && !c.getSimpleName().equals("EvaluationRow")))
                .check(CLASSES);
    }

    @Test
    void onlyTheSinkPutsAlertsInTheOutbox() {
        noClasses().that().resideOutsideOfPackage("io.driftwatch.alert.outbox..").should()
                .callMethodWhere(DescribedPredicate.describe("Outbox.enqueue",
                        m -> m.getTarget().getOwner().getSimpleName().equals("Outbox")
                                && m.getTarget().getName().equals("enqueue")))
                .check(CLASSES);
    }
}
