package dev.invalidator.deploy;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The bot's compiled main classes, as ArchUnit reads them: what the manifest and IAM tests derive the Slack methods and
 * AWS operations from, so that a call someone adds tomorrow is checked without anyone updating a list.
 *
 * <pre>{@code
 * Map<Call, SortedSet<String>> calls = MainClasses.read().calls(type -> type.isAssignableTo(MethodsClient.class));
 * // {Call[type=interface com.slack.api.methods.MethodsClient, method=chatPostMessage]=[slack/SlackPosts.java], …}
 * }</pre>
 */
final class MainClasses {

    private static final String ROOT = "dev.invalidator";
    // The simulators answer Slack and CloudFront calls for the tests and the demo; they make none of their own.
    private static final String SIMULATORS = "dev.invalidator.sandbox..";

    /** A method invoked on a type: the type the call names, which may be an interface the object implements. */
    record Call(Class<?> type, String method) {}

    private final JavaClasses classes;

    private MainClasses(JavaClasses classes) {
        this.classes = classes;
    }

    static MainClasses read() {
        return Imported.MAIN;
    }

    // Importing takes seconds (the SDK types the bot touches are read too): the tests share one import per JVM.
    private static final class Imported {
        static final MainClasses MAIN = new MainClasses(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT)
                .that(resideOutsideOfPackage(SIMULATORS)));
    }

    /**
     * Every method the classes call, or pass by reference ({@code client::chatPostMessage}), on a type the filter
     * accepts, each with the source files that do.
     */
    Map<Call, SortedSet<String>> calls(Predicate<JavaClass> types) {
        Map<Call, SortedSet<String>> filesByCall = new HashMap<>();
        for (JavaClass caller : classes) {
            caller.getCodeUnitAccessesFromSelf().stream()
                    .filter(access -> types.test(access.getTargetOwner()))
                    .forEach(access -> filesByCall
                            .computeIfAbsent(
                                    new Call(access.getTargetOwner().reflect(), access.getName()),
                                    call -> new TreeSet<>())
                            .add(file(caller)));
        }
        return filesByCall;
    }

    /** Every class the classes name in a class literal ({@code AppHomeOpenedEvent.class}) that the filter accepts. */
    Map<Class<?>, SortedSet<String>> classLiterals(Predicate<JavaClass> types) {
        Map<Class<?>, SortedSet<String>> filesByClass = new HashMap<>();
        for (JavaClass referrer : classes) {
            referrer.getReferencedClassObjects().stream()
                    .filter(literal -> types.test(literal.getRawType()))
                    .forEach(literal -> filesByClass
                            .computeIfAbsent(literal.getRawType().reflect(), type -> new TreeSet<>())
                            .add(file(referrer)));
        }
        return filesByClass;
    }

    /** Every class the filter accepts that the classes depend on in any way: call, field, parameter, literal, … */
    Map<Class<?>, SortedSet<String>> dependencies(Predicate<JavaClass> types) {
        Map<Class<?>, SortedSet<String>> filesByClass = new HashMap<>();
        for (JavaClass dependent : classes) {
            dependent.getDirectDependenciesFromSelf().stream()
                    .filter(dependency -> types.test(dependency.getTargetClass()))
                    .forEach(dependency -> filesByClass
                            .computeIfAbsent(dependency.getTargetClass().reflect(), type -> new TreeSet<>())
                            .add(file(dependent)));
        }
        return filesByClass;
    }

    /** {@code slack/SlackPosts.java}: where a class (or its lambda, or its nested class) is written. */
    private static String file(JavaClass type) {
        String directory = type.getPackageName().equals(ROOT)
                ? ""
                : type.getPackageName().substring(ROOT.length() + 1).replace('.', '/') + "/";
        return directory + type.getSourceCodeLocation().getSourceFileName();
    }
}
