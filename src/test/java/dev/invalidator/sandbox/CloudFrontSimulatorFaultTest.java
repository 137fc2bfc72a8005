package dev.invalidator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invalidator.sandbox.CloudFrontSimulator.Fault;
import dev.invalidator.sandbox.CloudFrontSimulator.Operation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.cloudfront.model.AccessDeniedException;
import software.amazon.awssdk.services.cloudfront.model.CloudFrontException;
import software.amazon.awssdk.services.cloudfront.model.CreateInvalidationResponse;
import software.amazon.awssdk.services.cloudfront.model.TooManyInvalidationsInProgressException;

class CloudFrontSimulatorFaultTest extends SimulatorFixture {

    @Test
    void throttling_is_a_cloud_front_exception_the_sdk_sees_as_throttling() {
        sim.injectFault(Operation.CREATE_INVALIDATION, Fault.THROTTLING, 1);

        assertThatThrownBy(() -> create(DIST, "ref-1", "/a"))
                .isExactlyInstanceOf(CloudFrontException.class)
                .satisfies(t -> {
                    CloudFrontException e = (CloudFrontException) t;
                    assertThat(e.isThrottlingException()).isTrue();
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
                });
        assertThat(sim.invalidations(DIST)).isEmpty();
    }

    @Test
    void service_unavailable_is_a_503() {
        sim.injectFault(Operation.GET_DISTRIBUTION, Fault.SERVICE_UNAVAILABLE, 1);

        assertThatThrownBy(() -> cf.getDistribution(r -> r.id(DIST)))
                .isExactlyInstanceOf(CloudFrontException.class)
                .satisfies(t -> {
                    CloudFrontException e = (CloudFrontException) t;
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("CloudFront encountered an internal error. Please try again.");
                });
    }

    @Test
    void too_many_invalidations_in_progress_is_its_modeled_exception() {
        sim.injectFault(Operation.CREATE_INVALIDATION, Fault.TOO_MANY_INVALIDATIONS_IN_PROGRESS, 1);

        assertThatThrownBy(() -> create(DIST, "ref-1", "/a"))
                .isInstanceOfSatisfying(TooManyInvalidationsInProgressException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("TooManyInvalidationsInProgress");
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Processing your request will cause"
                                    + " you to exceed the maximum number of in-progress invalidations.");
                });
        assertThat(sim.invalidations(DIST)).isEmpty();
    }

    @Test
    void access_denied_names_the_action_and_the_distribution() {
        sim.injectFault(Operation.CREATE_INVALIDATION, Fault.ACCESS_DENIED, 1);
        sim.injectFault(Operation.LIST_INVALIDATIONS, Fault.ACCESS_DENIED, 1);

        assertThatThrownBy(() -> create(DIST, "ref-1", "/a")).isInstanceOfSatisfying(AccessDeniedException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(403);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
            assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("User: arn:aws:sts::123456789012:"
                            + "assumed-role/invalidator/bot is not authorized to perform: cloudfront:CreateInvalidation"
                            + " on resource: arn:aws:cloudfront::123456789012:distribution/" + DIST
                            + " because no identity-based policy allows the cloudfront:CreateInvalidation action");
        });
        assertThatThrownBy(() -> cf.listInvalidations(r -> r.distributionId(OTHER_DIST)))
                .isInstanceOfSatisfying(
                        AccessDeniedException.class,
                        e -> assertThat(e.getMessage())
                                .contains("cloudfront:ListInvalidations on resource: arn:aws:cloudfront::123456789012:"
                                        + "distribution/" + OTHER_DIST));
    }

    @Test
    void service_unavailable_after_commit_creates_the_invalidation_and_answers_503() {
        sim.injectFault(Operation.CREATE_INVALIDATION, Fault.SERVICE_UNAVAILABLE_AFTER_COMMIT, 1);

        assertThatThrownBy(() -> create(DIST, "ref-1", "/a"))
                .isInstanceOfSatisfying(
                        CloudFrontException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(503));
        assertThat(sim.invalidations(DIST))
                .singleElement()
                .satisfies(inv -> assertThat(inv.callerReference()).isEqualTo("ref-1"));
    }

    @Test
    void default_retry_after_a_lost_response_returns_the_same_invalidation() {
        sim.injectFault(Operation.CREATE_INVALIDATION, Fault.SERVICE_UNAVAILABLE_AFTER_COMMIT, 1);

        CreateInvalidationResponse response = create(defaultRetryClient(), DIST, "ref-1", "/a", "/b");

        assertThat(sim.calls(Operation.CREATE_INVALIDATION)).isEqualTo(2);
        assertThat(sim.invalidations(DIST))
                .singleElement()
                .satisfies(inv ->
                        assertThat(inv.id()).isEqualTo(response.invalidation().id()));
    }

    @Test
    void default_retry_rides_out_throttling() {
        sim.injectFault(Operation.GET_DISTRIBUTION, Fault.THROTTLING, 1);

        var distribution = defaultRetryClient().getDistribution(r -> r.id(DIST)).distribution();

        assertThat(distribution.domainName()).isEqualTo(DOMAIN);
        assertThat(sim.calls(Operation.GET_DISTRIBUTION)).isEqualTo(2);
    }

    @Test
    void each_queued_fault_answers_exactly_one_call_of_its_operation() {
        sim.injectFault(Operation.GET_DISTRIBUTION, Fault.SERVICE_UNAVAILABLE, 2);

        String id = create(DIST, "ref-1", "/a").invalidation().id();
        assertThat(get(DIST, id).id()).isEqualTo(id);
        assertThatThrownBy(() -> cf.getDistribution(r -> r.id(DIST))).isInstanceOf(CloudFrontException.class);
        assertThatThrownBy(() -> cf.getDistribution(r -> r.id(OTHER_DIST))).isInstanceOf(CloudFrontException.class);
        assertThat(cf.getDistribution(r -> r.id(DIST)).distribution().id()).isEqualTo(DIST);
        assertThat(sim.calls(Operation.GET_DISTRIBUTION)).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(
            value = Operation.class,
            names = {"CREATE_INVALIDATION", "CREATE_INVALIDATION_FOR_DISTRIBUTION_TENANT"},
            mode = EnumSource.Mode.EXCLUDE)
    void after_commit_fault_is_only_for_the_creates(Operation operation) {
        assertThatThrownBy(() -> sim.injectFault(operation, Fault.SERVICE_UNAVAILABLE_AFTER_COMMIT, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void faults_on_list_distributions_name_no_resource() {
        sim.injectFault(Operation.LIST_DISTRIBUTIONS, Fault.ACCESS_DENIED, 1);

        assertThatThrownBy(() -> cf.listDistributions())
                .isInstanceOfSatisfying(
                        AccessDeniedException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .contains("perform: cloudfront:ListDistributions because")
                                .doesNotContain("on resource"));
    }
}
