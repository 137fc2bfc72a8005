package dev.invalidator.testing;

import dev.invalidator.aws.AwsClients;
import dev.invalidator.cdn.CallerReference;
import dev.invalidator.cdn.cloudfront.CloudFrontCdn;
import dev.invalidator.sandbox.CloudFrontSimulator;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** A CloudFront simulator with one distribution, and the real gateway (real SDK, real HTTP) pointed at it. */
public final class CloudFrontFixture implements AutoCloseable {

    public static final String WEB = "E1WEBEXAMPLE";
    public static final String WEB_DOMAIN = "d111111abcdef8.cloudfront.net";
    public static final String WEB_ALIAS = "www.example.com";

    private static final AtomicLong MESSAGE_SEQUENCE = new AtomicLong(100);

    public final CloudFrontSimulator simulator = CloudFrontSimulator.start();
    public final AwsClients aws = new AwsClients(AwsClients.Settings.forLocalEndpoint(simulator.endpoint()));
    public final CloudFrontCdn cdn = new CloudFrontCdn(aws, Map.of());

    public CloudFrontFixture() {
        simulator.addDistribution(WEB, WEB_DOMAIN, WEB_ALIAS);
    }

    /** A fresh reference, as if for a new status message posted now. */
    public static String reference() {
        return new CallerReference(
                        "C0OPS",
                        Instant.now().getEpochSecond() + "."
                                + String.format("%06d", MESSAGE_SEQUENCE.incrementAndGet()),
                        "U0ALICE")
                .encode();
    }

    @Override
    public void close() {
        aws.close();
        simulator.close();
    }
}
