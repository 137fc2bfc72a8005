package dev.invalidator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationResponse;
import software.amazon.awssdk.services.cloudfront.model.InvalidArgumentException;

class CloudFrontSimulatorCallerReferenceTest extends SimulatorFixture {

    private static final String REUSED_MESSAGE = "Your request contains a caller reference that was used for a"
            + " previous invalidation batch for the same distribution.";

    @Test
    void same_reference_and_same_paths_returns_the_existing_invalidation() {
        CreateInvalidationResponse first = create(DIST, "deploy-42", "/a", "/b");

        CreateInvalidationResponse replay = create(DIST, "deploy-42", "/b", "/a");

        assertThat(replay.invalidation().id()).isEqualTo(first.invalidation().id());
        assertThat(replay.invalidation().createTime())
                .isEqualTo(first.invalidation().createTime());
        assertThat(replay.invalidation().invalidationBatch().paths().items()).containsExactly("/a", "/b");
        assertThat(replay.location()).isEqualTo(first.location());
        assertThat(sim.invalidations(DIST)).hasSize(1);
        assertThat(sim.calls(Operation.CREATE_INVALIDATION)).isEqualTo(2);
    }

    @Test
    void same_reference_with_different_paths_is_invalidation_batch_already_exists() {
        create(DIST, "deploy-42", "/a");

        assertThatThrownBy(() -> create(DIST, "deploy-42", "/a", "/b"))
                .isExactlyInstanceOf(CloudFrontException.class)
                .satisfies(t -> {
                    CloudFrontException e = (CloudFrontException) t;
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidationBatchAlreadyExists");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("The caller reference that you are"
                                    + " using to create an invalidation batch is already in use.");
                });
        assertThat(sim.invalidations(DIST)).hasSize(1);
    }

    @Test
    void references_are_per_distribution() {
        String first = create(DIST, "deploy-42", "/a").invalidation().id();

        String other = create(OTHER_DIST, "deploy-42", "/a").invalidation().id();

        assertThat(other).isNotEqualTo(first);
        assertThat(sim.invalidations(OTHER_DIST)).hasSize(1);
    }

    @Test
    void with_the_switch_any_reuse_is_invalid_argument() {
        sim.answerReusedReferenceWithInvalidArgument(true);
        create(DIST, "deploy-42", "/a");

        assertThatThrownBy(() -> create(DIST, "deploy-42", "/a"))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(REUSED_MESSAGE);
                });
        assertThatThrownBy(() -> create(DIST, "deploy-42", "/other"))
                .isInstanceOfSatisfying(
                        InvalidArgumentException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(REUSED_MESSAGE));
        assertThat(sim.invalidations(DIST)).hasSize(1);
    }

    @Test
    void switching_back_restores_the_documented_replay() {
        sim.answerReusedReferenceWithInvalidArgument(true);
        String id = create(DIST, "deploy-42", "/a").invalidation().id();
        sim.answerReusedReferenceWithInvalidArgument(false);

        assertThat(create(DIST, "deploy-42", "/a").invalidation().id()).isEqualTo(id);
    }
}
