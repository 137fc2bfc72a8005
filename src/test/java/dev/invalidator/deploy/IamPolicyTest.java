package dev.invalidator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import dev.invalidator.config.BotConfig;
import dev.invalidator.config.ConfigLoader;
import dev.invalidator.config.DistributionConfig;
import dev.invalidator.config.TargetKind;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.SdkClient;

/**
 * {@code deploy/iam-policy.json}, the policy of the bot's own AWS identity: it allows exactly the actions of the AWS
 * SDK operations the code invokes, each on the narrowest resources the action takes
 * ({@code ../shared/reference/cloudfront.md} §7), for the distributions of {@code invalidator.example.yml}.
 */
class IamPolicyTest {

    private static final Path POLICY = Path.of("deploy/iam-policy.json");
    private static final Path EXAMPLE_CONFIG = Path.of("invalidator.example.yml");

    /** Credentials providers that call STS by themselves, with the action their call needs. */
    private static final Map<String, String> ACTION_BY_STS_PROVIDER =
            Map.of("StsAssumeRoleCredentialsProvider", "sts:AssumeRole");

    /** AWS STS API reference, GetCallerIdentity: "No permissions are required to perform this operation." */
    private static final Set<String> NEEDS_NO_PERMISSION = Set.of("sts:GetCallerIdentity");

    /** cloudfront.md §7: ListDistributions takes no resource, so only "*" names it. */
    private static final Set<String> ACTIONS_WITHOUT_RESOURCES = Set.of("cloudfront:ListDistributions");

    private static final Pattern SECRET_ARN =
            Pattern.compile("arn:aws:secretsmanager:REGION:ACCOUNT_ID:secret:[\\w/+=.@-]+-\\?{6}");

    private static Map<String, SortedSet<String>> stsProvidersUsed;
    private static Map<String, SortedSet<String>> actionsInvoked;
    private static Map<String, Set<String>> resourcesByAction;
    private static JsonNode statements;

    @BeforeAll
    static void read() throws Exception {
        actionsInvoked = actionsInvoked();
        statements = new ObjectMapper().readTree(POLICY.toFile()).path("Statement");
        resourcesByAction = new TreeMap<>();
        for (JsonNode statement : statements) {
            for (String action : strings(statement.path("Action"))) {
                resourcesByAction
                        .computeIfAbsent(action, a -> new TreeSet<>())
                        .addAll(strings(statement.path("Resource")));
            }
        }
    }

    /** The IAM action of every AWS operation the code invokes, with the files that invoke it. */
    private static Map<String, SortedSet<String>> actionsInvoked() throws Exception {
        MainClasses main = MainClasses.read();
        Map<String, SortedSet<String>> invoked = new TreeMap<>();
        for (Map.Entry<MainClasses.Call, SortedSet<String>> call :
                main.calls(IamPolicyTest::isServiceClient).entrySet()) {
            String action = actionsOf(call.getKey().type()).get(call.getKey().method());
            if (action != null) {
                invoked.computeIfAbsent(action, a -> new TreeSet<>()).addAll(call.getValue());
            }
        }
        stsProvidersUsed = new TreeMap<>();
        main.dependencies(IamPolicyTest::isStsCredentialsProvider)
                .forEach((provider, files) -> stsProvidersUsed.put(provider.getSimpleName(), files));
        stsProvidersUsed.forEach((provider, files) -> Optional.ofNullable(ACTION_BY_STS_PROVIDER.get(provider))
                .ifPresent(action ->
                        invoked.computeIfAbsent(action, a -> new TreeSet<>()).addAll(files)));
        invoked.keySet().removeAll(NEEDS_NO_PERMISSION);
        return invoked;
    }

    /** {@code CloudFrontClient}, {@code StsClient}, …: the interface of one AWS service, whose calls need actions. */
    private static boolean isServiceClient(JavaClass type) {
        return type.getPackageName().startsWith("software.amazon.awssdk.services.")
                && type.isAssignableTo(SdkClient.class);
    }

    /** A credentials provider that calls STS by itself, such as {@code StsAssumeRoleCredentialsProvider}. */
    private static boolean isStsCredentialsProvider(JavaClass type) {
        return type.getPackageName().startsWith("software.amazon.awssdk.services.sts.")
                && type.isAssignableTo(AwsCredentialsProvider.class);
    }

    /**
     * {@code createInvalidation → cloudfront:CreateInvalidation} for every operation of an SDK client, paginators
     * included. For CloudFront, Secrets Manager and STS the IAM action is the service's signing name and the
     * operation's name (cloudfront.md §7; the GetSecretValue and AssumeRole API references).
     */
    private static Map<String, String> actionsOf(Class<?> client) throws ReflectiveOperationException {
        String service = (String) client.getField("SERVICE_NAME").get(null);
        Map<String, String> actionByMethod = new HashMap<>();
        for (Method method : client.getMethods()) {
            String returned = method.getReturnType().getName();
            String operation = method.getName().replaceFirst("Paginator$", "");
            if ((returned.contains(".model.") && returned.endsWith("Response")) || returned.contains(".paginators.")) {
                actionByMethod.put(
                        method.getName(),
                        service + ":" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1));
            }
        }
        return actionByMethod;
    }

    private static Set<String> strings(JsonNode stringOrArray) {
        if (stringOrArray.isTextual()) {
            return Set.of(stringOrArray.asText());
        }
        Set<String> values = new TreeSet<>();
        stringOrArray.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static BotConfig exampleConfig() throws Exception {
        return ConfigLoader.load(EXAMPLE_CONFIG);
    }

    @Nested
    class Actions {

        @Test
        void the_scan_finds_the_create_every_invalidation_starts_with() {
            assertThat(actionsInvoked).containsKeys("cloudfront:CreateInvalidation", "sts:AssumeRole");
            assertThat(actionsInvoked.get("cloudfront:CreateInvalidation"))
                    .contains("cdn/cloudfront/CloudFrontCdn.java");
        }

        @Test
        void every_sts_credentials_provider_the_code_uses_has_a_known_action() {
            assertThat(ACTION_BY_STS_PROVIDER)
                    .as("add the STS action of each provider to ACTION_BY_STS_PROVIDER")
                    .containsKeys(stsProvidersUsed.keySet().toArray(String[]::new));
        }

        @Test
        void every_aws_operation_the_code_invokes_has_its_action_in_the_policy() {
            List<String> missing = new ArrayList<>();
            actionsInvoked.forEach((action, callers) -> {
                if (!resourcesByAction.containsKey(action)) {
                    missing.add(action + " (invoked in " + callers + "): add it to " + POLICY);
                }
            });

            assertThat(missing).as("actions the bot needs and the policy lacks").isEmpty();
        }

        @Test
        void every_action_in_the_policy_is_one_the_code_invokes() {
            assertThat(resourcesByAction.keySet())
                    .as("actions in %s that no code invokes: remove them", POLICY)
                    .isSubsetOf(actionsInvoked.keySet());
        }
    }

    @Nested
    class Resources {

        @Test
        void every_statement_allows_named_actions_on_named_resources() {
            assertThat(statements).isNotEmpty().allSatisfy(statement -> {
                assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
                assertThat(statement.has("NotAction") || statement.has("NotResource"))
                        .as("NotAction or NotResource")
                        .isFalse();
                assertThat(strings(statement.path("Action"))).noneMatch(action -> action.contains("*"));
            });
            resourcesByAction.forEach((action, resources) -> assertThat(resources)
                    .as("resources of " + action)
                    .isNotEmpty()
                    .allMatch(resource -> !resource.contains("*") || ACTIONS_WITHOUT_RESOURCES.contains(action)));
        }

        @Test
        void cloudfront_actions_name_the_distributions_the_bot_reaches_with_its_own_identity() throws Exception {
            // A target with a roleArn lives in another account: its role grants these actions, not this policy.
            Set<String> ownDistributions = ownTargets(TargetKind.DISTRIBUTION);
            Set<String> ownTenants = ownTargets(TargetKind.TENANT);

            assertThat(ownTenants).isNotEmpty();
            resourcesByAction.forEach((action, resources) -> {
                if (action.startsWith("cloudfront:") && !ACTIONS_WITHOUT_RESOURCES.contains(action)) {
                    assertThat(resources)
                            .as("resources of " + action)
                            .containsExactlyInAnyOrderElementsOf(
                                    action.contains("DistributionTenant") ? ownTenants : ownDistributions);
                }
            });
        }

        /**
         * The ARNs of the example's targets of one kind without a roleArn; a tenant's {@code distribution-tenant/<id>}
         * is UNCONFIRMED in CloudFront's IAM documentation (cloudfront.md §10).
         */
        private Set<String> ownTargets(TargetKind kind) throws Exception {
            String type = kind == TargetKind.TENANT ? "distribution-tenant/" : "distribution/";
            return exampleConfig().distributions().values().stream()
                    .filter(target -> target.roleArn().isEmpty() && target.kind() == kind)
                    .map(target -> "arn:aws:cloudfront::ACCOUNT_ID:" + type + target.id())
                    .collect(Collectors.toSet());
        }

        @Test
        void the_roles_it_may_assume_are_the_role_arns_of_the_config() throws Exception {
            Set<String> roles = exampleConfig().distributions().values().stream()
                    .map(DistributionConfig::roleArn)
                    .flatMap(Optional::stream)
                    .collect(Collectors.toSet());

            assertThat(roles).isNotEmpty();
            assertThat(resourcesByAction.get("sts:AssumeRole")).containsExactlyInAnyOrderElementsOf(roles);
        }

        @Test
        void the_secret_it_may_read_is_the_one_holding_the_slack_tokens() {
            // Secrets Manager appends "-" and six random characters to a secret's name in its ARN.
            assertThat(resourcesByAction.get("secretsmanager:GetSecretValue"))
                    .singleElement()
                    .matches(arn -> SECRET_ARN.matcher(arn).matches(), "an ARN of one secret: " + SECRET_ARN);
        }
    }
}
