package dev.invalidator.testing;

import dev.invalidator.aws.AwsClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CacheTagConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.ViewerProtocolPolicy;

/**
 * moto's server as an independent AWS emulator for compatibility tests: {@code MOTO_ENDPOINT} when CI started one,
 * else {@code python3 -m moto.server} on a free loopback port, stopped when the JVM exits.
 */
public final class MotoServer {

    private static URI endpoint;

    private MotoServer() {}

    public static synchronized URI endpoint() {
        if (endpoint == null) {
            String given = System.getenv("MOTO_ENDPOINT");
            endpoint = given != null && !given.isBlank() ? URI.create(given) : start();
        }
        return endpoint;
    }

    /** Stores a new Secrets Manager secret in moto and returns its name. */
    public static String storeSecret(String secretString) {
        String name = "invalidator/slack-" + UUID.randomUUID();
        try (AwsClients aws = new AwsClients(AwsClients.Settings.forLocalEndpoint(endpoint()))) {
            aws.secretsManager().createSecret(request -> request.name(name).secretString(secretString));
        }
        return name;
    }

    /** Creates a deployed distribution in moto with one alternate domain name, and returns its id. */
    public static String createDistribution(CloudFrontClient cloudFront, String alias) {
        return createDistribution(cloudFront, alias, null);
    }

    /** The same, with a {@code CacheTagConfig} naming {@code cacheTagHeader} when it is not null. */
    public static String createDistribution(CloudFrontClient cloudFront, String alias, String cacheTagHeader) {
        String origin = "origin-" + UUID.randomUUID();
        return cloudFront
                .createDistribution(r -> r.distributionConfig(c -> c.callerReference(
                                UUID.randomUUID().toString())
                        .cacheTagConfig(
                                cacheTagHeader == null
                                        ? null
                                        : CacheTagConfig.builder()
                                                .headerName(cacheTagHeader)
                                                .build())
                        .comment("invalidator test")
                        .enabled(true)
                        .aliases(a -> a.quantity(1).items(alias))
                        .origins(o -> o.quantity(1)
                                .items(Origin.builder()
                                        .id(origin)
                                        .domainName("bucket.s3.amazonaws.com")
                                        .s3OriginConfig(s3 -> s3.originAccessIdentity(""))
                                        .build()))
                        .defaultCacheBehavior(b -> b.targetOriginId(origin)
                                .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                                .cachePolicyId("658327ea-f89d-4fab-a63d-7e88639e58f6"))))
                .distribution()
                .id();
    }

    private static URI start() {
        int port = freePort();
        try {
            Path logFile = Files.createTempFile("moto-", ".log");
            Process process = new ProcessBuilder(
                            "python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            Await.until(
                    "moto's server to listen on port " + port + " (log: " + logFile + ")",
                    Duration.ofSeconds(30),
                    () -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("moto's server exited; is moto installed? "
                                    + "(python3 -m pip install 'moto[server]'); log: " + logFile);
                        }
                        return accepts(port);
                    });
            return URI.create("http://127.0.0.1:" + port);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start moto's server", e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
