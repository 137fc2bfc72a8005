package dev.invalidator;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.net.Socket;
import java.net.URLConnection;

/**
 * The boundaries of {@code ../shared/DESIGN.md}, checked on the compiled main classes: the core knows no vendor, the
 * refresh check opens no socket of its own, the simulators stay apart, listeners stay thin, and no two packages need
 * each other.
 */
@AnalyzeClasses(packages = "dev.invalidator", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CORE = {
        "dev.invalidator.request..",
        "dev.invalidator.access..",
        "dev.invalidator.config..",
        // cdn.cloudfront is the AWS adapter behind the Cdn port of cdn
        "dev.invalidator.cdn",
        "dev.invalidator.tracking..",
        "dev.invalidator.flow..",
        "dev.invalidator.chat..",
        "dev.invalidator.cost..",
        "dev.invalidator.verify.."
    };

    private static final String SANDBOX = "dev.invalidator.sandbox..";
    private static final String BASE = "dev.invalidator.base";

    @ArchTest
    static final ArchRule the_core_depends_on_no_slack_or_aws_type = noClasses()
            .that()
            .resideInAnyPackage(CORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.slack..", "software.amazon..")
            .because("Slack and AWS stay behind the Chat and Cdn ports, so the same flow runs against the simulators,"
                    + " moto and the real services, and its rules are tested without either SDK");

    @ArchTest
    static void every_core_package_holds_classes(JavaClasses classes) {
        // A misspelt package in CORE would match nothing and pass the rule above unseen.
        assertThat(CORE)
                .allSatisfy(core -> assertThat(classes.that(resideInAPackage(core)))
                        .as(core)
                        .isNotEmpty());
    }

    @ArchTest
    static final ArchRule the_refresh_check_speaks_http_only_through_its_edge_port = noClasses()
            .that()
            .resideInAPackage("dev.invalidator.verify")
            .should()
            .dependOnClassesThat(resideInAnyPackage("java.net.http..", "dev.invalidator.verify.http..")
                    // and the JDK's other ways to open a connection
                    .or(assignableTo(URLConnection.class))
                    .or(assignableTo(Socket.class)))
            .because("the refresh check asks the edge through EdgeProbe, so its judgement is tested without sockets;"
                    + " verify.http is the adapter that opens them");

    @ArchTest
    static final ArchRule only_the_demo_uses_the_simulators = noClasses()
            .that()
            .resideOutsideOfPackages("dev.invalidator.demo..", SANDBOX)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(SANDBOX)
            .because("the simulators ship in the jar for `demo` alone; the bot that serves Slack never reaches them");

    @ArchTest
    static final ArchRule the_simulators_borrow_nothing_from_the_bot_or_the_sdks = classes()
            .that()
            .resideInAPackage(SANDBOX)
            .should()
            .onlyDependOnClassesThat(resideInAnyPackage(SANDBOX, BASE)
                    .or(resideOutsideOfPackages("dev.invalidator..", "com.slack..", "software.amazon..")))
            .because("the simulators answer from the wire protocols as Slack and CloudFront do; sharing the bot's"
                    + " code or an SDK's model would let a mistake on both sides agree with itself (base/ holds no"
                    + " rule of either, only threads, numbers and shortened text)");

    @ArchTest
    static final ArchRule the_shared_helpers_depend_on_nothing_of_ours = noClasses()
            .that()
            .resideInAPackage(BASE)
            .should()
            .dependOnClassesThat(resideInAPackage("dev.invalidator..").and(resideOutsideOfPackage(BASE)))
            .because("every package may use base/, the simulators included, so it must hold no rule of the bot");

    @ArchTest
    static final ArchRule listeners_only_hand_over_to_the_flow = classes()
            .that()
            .resideInAPackage("dev.invalidator.slack.listeners..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                    "dev.invalidator.slack..",
                    "dev.invalidator.flow",
                    "dev.invalidator.chat",
                    "com.slack..",
                    "java..",
                    "org.slf4j..")
            .because("a listener acks and hands the payload to the flow; access, CloudFront and tracking are the"
                    + " flow's business, the same for every way a request arrives");

    @ArchTest
    static final ArchRule only_the_metrics_package_knows_micrometer = noClasses()
            .that()
            .resideOutsideOfPackage("dev.invalidator.metrics..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.micrometer..")
            .because("the classes that count call a few methods of metrics/ with plain values (a decision, an"
                    + " alias, a duration), so the meters' names, units and labels are decided in one package");

    @ArchTest
    static final ArchRule no_two_packages_need_each_other = slices().matching("dev.invalidator.(**)")
            .should()
            .beFreeOfCycles()
            .because("each package can then be read, tested and changed knowing only what it depends on");
}
