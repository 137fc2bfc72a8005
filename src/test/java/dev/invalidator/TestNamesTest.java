package dev.invalidator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Test names are sentences in snake_case ({@code refuses_a_path_without_a_leading_slash}), so a failure in a report
 * reads as the rule that broke; CONTRIBUTING.md says why the house picked this style over camelCase.
 */
@AnalyzeClasses(packages = "dev.invalidator", importOptions = ImportOption.OnlyIncludeTests.class)
class TestNamesTest {

    @ArchTest
    static final ArchRule tests_are_named_as_sentences_in_snake_case = methods()
            .that()
            .areAnnotatedWith(Test.class)
            .or()
            .areAnnotatedWith(ParameterizedTest.class)
            .or()
            .areAnnotatedWith(RepeatedTest.class)
            .or()
            .areAnnotatedWith(TestFactory.class)
            .should()
            .haveNameMatching("[a-z][a-z0-9]*(_[a-zA-Z0-9]+)+")
            .because("a failing test's name then reads as the rule it checks (an environment variable keeps its case)");
}
