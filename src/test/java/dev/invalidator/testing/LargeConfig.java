package dev.invalidator.testing;

import dev.invalidator.sandbox.CloudFrontSimulator;
import java.util.Locale;

/**
 * A generated config of the size issue 19 names: {@value #DISTRIBUTIONS} distributions ({@code site-000} …, id
 * {@code ESITE00000} …, serving {@code site-000.example.com} …) and {@value #TENANTS} tenants of the first
 * ({@code tenant-0000} …), all usable by everyone in {@link BotFixture#OPS}, and a group of the first three sites.
 *
 * <pre>{@code
 * BotConfig config = BotFixture.config(LargeConfig.yaml());
 * LargeConfig.deploy(world.cloudFront.simulator);   // the distributions and tenants exist, with their domains
 * }</pre>
 */
public final class LargeConfig {

    public static final int DISTRIBUTIONS = 500;
    public static final int TENANTS = 2_000;
    public static final String GROUP = "first-sites";

    private LargeConfig() {}

    public static String alias(int n) {
        return String.format(Locale.ROOT, "site-%03d", n);
    }

    public static String id(int n) {
        return String.format(Locale.ROOT, "ESITE%05d", n);
    }

    public static String domain(int n) {
        return alias(n) + ".example.com";
    }

    public static String tenantAlias(int n) {
        return String.format(Locale.ROOT, "tenant-%04d", n);
    }

    public static String tenantId(int n) {
        return String.format(Locale.ROOT, "dt_tenant%04d", n);
    }

    public static String yaml() {
        StringBuilder yaml = new StringBuilder("distributions:\n");
        for (int n = 0; n < DISTRIBUTIONS; n++) {
            yaml.append("  ")
                    .append(alias(n))
                    .append(": {id: ")
                    .append(id(n))
                    .append(", channels: [")
                    .append(BotFixture.OPS)
                    .append("], users: [\"*\"]}\n");
        }
        yaml.append("tenants:\n");
        for (int n = 0; n < TENANTS; n++) {
            yaml.append("  ")
                    .append(tenantAlias(n))
                    .append(": {id: ")
                    .append(tenantId(n))
                    .append(", channels: [")
                    .append(BotFixture.OPS)
                    .append("], users: [\"*\"]}\n");
        }
        yaml.append("distributionGroups:\n  ")
                .append(GROUP)
                .append(": [")
                .append(alias(0))
                .append(", ")
                .append(alias(1))
                .append(", ")
                .append(alias(2))
                .append("]\n");
        yaml.append("""
                polling: {initialInterval: 50ms, maxInterval: 200ms}
                verify: {enabled: false}
                """);
        return yaml.toString();
    }

    /** Makes the config's distributions and tenants exist in {@code simulator}. */
    public static void deploy(CloudFrontSimulator simulator) {
        for (int n = 0; n < DISTRIBUTIONS; n++) {
            simulator.addDistribution(
                    id(n), "d" + String.format(Locale.ROOT, "%05d", n) + ".cloudfront.net", domain(n));
        }
        for (int n = 0; n < TENANTS; n++) {
            simulator.addTenant(tenantId(n), id(0), tenantAlias(n) + ".saas.example.com");
        }
    }
}
