package dev.invalidator.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import dev.invalidator.aws.AwsClients;
import dev.invalidator.sandbox.SlackSimulator;
import dev.invalidator.testing.MotoServer;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AWS half of check-config against moto, which also answers STS: the identity, and a role in another account. */
@Tag("moto")
class ConfigCheckMotoTest {

    private static final String OTHER_ACCOUNT_ROLE = "arn:aws:iam::111111111111:role/invalidator";

    private final SlackSimulator slack = SlackSimulator.start();
    private final AwsClients aws = new AwsClients(AwsClients.Settings.forLocalEndpoint(MotoServer.endpoint()));

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        aws.close();
        slack.close();
    }

    @Test
    void shows_the_identity_and_reads_a_distribution_of_another_account_through_its_role() {
        String own = MotoServer.createDistribution(aws.cloudFront(Optional.empty()), "www.check.example");
        String other =
                MotoServer.createDistribution(aws.cloudFront(Optional.of(OTHER_ACCOUNT_ROLE)), "other.check.example");

        CheckRun result = CheckRun.of(slack, aws, dir, """
                distributions:
                  web:
                    id: %s
                    channels: [C0GENERAL]
                    users: ["*"]
                  other:
                    id: %s
                    channels: [C0GENERAL]
                    users: ["*"]
                    roleArn: %s
                """.formatted(own, other, OTHER_ACCOUNT_ROLE));

        assertThat(result.status()).as(result.output()).isZero();
        assertThat(result.output())
                .containsPattern("  ✓ AWS identity: arn:aws:\\w+::123456789012:\\S+ \\(account 123456789012\\)")
                .contains("  ✓ distribution web (" + own + "): ")
                .contains("  ✓ distribution other (" + other + "): ")
                .contains("(other.check.example), no cache tags, through role " + OTHER_ACCOUNT_ROLE
                        + " — GetDistribution")
                .contains("cloudfront:CreateInvalidation on arn:aws:cloudfront::123456789012:distribution/" + own
                        + ", arn:aws:cloudfront::111111111111:distribution/" + other);
    }
}
