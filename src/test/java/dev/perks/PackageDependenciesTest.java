package dev.perks;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: resources → services → repositories, features → lifecycle →
 * error, so a reader follows a request down without crossing a package boundary backwards.
 */
class PackageDependenciesTest {

    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.perks");
    private static final String[] FEATURES = { "dev.perks.api..", "dev.perks.auth..", "dev.perks.user..",
            "dev.perks.perk..", "dev.perks.claim..", "dev.perks.health..", "dev.perks.cli.." };

    @Test
    void noPackageCycles() {
        slices().matching("dev.perks.(**)").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void errorIsUsedByAllAndUsesNothingOfOurs() {
        String[] everythingElse = Arrays.copyOf(FEATURES, FEATURES.length + 1);
        everythingElse[FEATURES.length] = "dev.perks.lifecycle..";
        noClasses().that().resideInAPackage("dev.perks.error..").should().dependOnClassesThat()
                .resideInAnyPackage(everythingElse).check(SERVICE);
    }

    @Test
    void lifecycleKnowsNoFeature() {
        noClasses().that().resideInAPackage("dev.perks.lifecycle..").should().dependOnClassesThat()
                .resideInAnyPackage(FEATURES).check(SERVICE);
    }

    @Test
    void onlyTheEntryPointUsesTheCommands() {
        noClasses().that().resideOutsideOfPackage("dev.perks.cli..").should().dependOnClassesThat()
                .resideInAPackage("dev.perks.cli..").check(SERVICE);
    }

    @Test
    void servicesAndRepositoriesNeverReachUpToResources() {
        noClasses().that().haveSimpleNameEndingWith("Service").or().haveSimpleNameEndingWith("Repository")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Resource").check(SERVICE);
    }

    @Test
    void repositoriesNeverReachUpToServices() {
        noClasses().that().haveSimpleNameEndingWith("Repository").should().dependOnClassesThat()
                .haveSimpleNameEndingWith("Service").check(SERVICE);
    }
}
