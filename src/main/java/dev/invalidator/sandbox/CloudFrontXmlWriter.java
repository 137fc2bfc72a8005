package dev.invalidator.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Writes the simulator's response documents in the 2020-05-31 shapes. All text goes through {@link Xml#text},
 * which escapes markup characters and replaces characters XML 1.0 cannot carry.
 */
final class CloudFrontXmlWriter {

    static final String NAMESPACE = "http://cloudfront.amazonaws.com/doc/2020-05-31/";
    /** The id of AWS's managed "CachingOptimized" cache policy. */
    private static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** One page of a list answer. {@code nextMarker} is {@code null} unless {@code truncated}. */
    record Page<T>(String marker, int maxItems, List<T> items, boolean truncated, String nextMarker) {}

    /** A distribution with its live invalidation count. */
    record DistributionView(SimulatedDistribution distribution, int inProgressInvalidationBatches) {}

    private CloudFrontXmlWriter() {}

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }

    static String invalidation(SimulatedInvalidation inv, Instant now) {
        Xml x = Xml.document("Invalidation");
        x.leaf("Id", inv.id()).leaf("Status", inv.statusAt(now)).leaf("CreateTime", timestamp(inv.createTime()));
        x.open("InvalidationBatch");
        x.open("Paths").leaf("Quantity", inv.paths().size());
        if (!inv.paths().isEmpty()) {
            x.open("Items");
            inv.paths().forEach(p -> x.leaf("Path", p));
            x.close();
        }
        x.close();
        x.leaf("CallerReference", inv.callerReference());
        return x.close().end();
    }

    static String invalidationList(Page<SimulatedInvalidation> page, Instant now) {
        Xml x = Xml.document("InvalidationList");
        listHeader(x, page);
        if (!page.items().isEmpty()) {
            x.open("Items");
            for (SimulatedInvalidation inv : page.items()) {
                x.open("InvalidationSummary")
                        .leaf("Id", inv.id())
                        .leaf("CreateTime", timestamp(inv.createTime()))
                        .leaf("Status", inv.statusAt(now))
                        .close();
            }
            x.close();
        }
        return x.end();
    }

    static String distribution(DistributionView view) {
        SimulatedDistribution d = view.distribution();
        Xml x = Xml.document("Distribution");
        x.leaf("Id", d.id())
                .leaf("ARN", d.arn())
                .leaf("Status", "Deployed")
                .leaf("LastModifiedTime", timestamp(d.lastModifiedTime()))
                .leaf("InProgressInvalidationBatches", view.inProgressInvalidationBatches())
                .leaf("DomainName", d.domainName());
        x.open("ActiveTrustedSigners")
                .leaf("Enabled", false)
                .leaf("Quantity", 0)
                .close();
        x.open("ActiveTrustedKeyGroups")
                .leaf("Enabled", false)
                .leaf("Quantity", 0)
                .close();
        x.open("DistributionConfig").leaf("CallerReference", d.callerReference());
        aliases(x, d);
        x.leaf("DefaultRootObject", "index.html");
        origins(x, d);
        x.open("OriginGroups").leaf("Quantity", 0).close();
        defaultCacheBehavior(x, d);
        x.open("CacheBehaviors").leaf("Quantity", 0).close();
        x.open("CustomErrorResponses").leaf("Quantity", 0).close();
        x.leaf("Comment", comment(d));
        x.open("Logging")
                .leaf("Enabled", false)
                .leaf("IncludeCookies", false)
                .leaf("Bucket", "")
                .leaf("Prefix", "")
                .close();
        x.leaf("PriceClass", "PriceClass_All").leaf("Enabled", true);
        viewerCertificateAndRestrictions(x);
        x.leaf("WebACLId", "")
                .leaf("HttpVersion", "http2")
                .leaf("IsIPV6Enabled", true)
                .leaf("Staging", false);
        // Only DistributionConfig has it: the 2020-05-31 model's DistributionSummary carries no CacheTagConfig.
        d.cacheTagHeader()
                .ifPresent(header ->
                        x.open("CacheTagConfig").leaf("HeaderName", header).close());
        return x.close().end();
    }

    /** GetDistributionTenant's and GetDistributionTenantByDomain's answer: the tenant as its document's root. */
    static String tenant(SimulatedTenant t) {
        Xml x = Xml.document("DistributionTenant");
        x.leaf("Id", t.id())
                .leaf("DistributionId", t.distributionId())
                .leaf("Name", t.name())
                .leaf("Arn", t.arn());
        x.open("Domains");
        // The API reference draws each as <DomainResult>, but the service model names no member element, so the SDKs
        // read <member> (the default); AWS SDK 2.59.1 finds no domain in <DomainResult>
        // (CloudFrontSimulatorTenantTest).
        for (String domain : t.domains()) {
            x.open("member").leaf("Domain", domain).leaf("Status", "active").close();
        }
        x.close();
        x.leaf("CreatedTime", timestamp(t.createdTime()))
                .leaf("LastModifiedTime", timestamp(t.createdTime()))
                .leaf("Enabled", true)
                .leaf("Status", "Deployed");
        return x.end();
    }

    static String distributionList(Page<DistributionView> page) {
        Xml x = Xml.document("DistributionList");
        listHeader(x, page);
        if (!page.items().isEmpty()) {
            x.open("Items");
            for (DistributionView view : page.items()) {
                SimulatedDistribution d = view.distribution();
                x.open("DistributionSummary")
                        .leaf("Id", d.id())
                        .leaf("ARN", d.arn())
                        .leaf("ETag", d.etag())
                        .leaf("Status", "Deployed")
                        .leaf("LastModifiedTime", timestamp(d.lastModifiedTime()))
                        .leaf("DomainName", d.domainName());
                aliases(x, d);
                origins(x, d);
                x.open("OriginGroups").leaf("Quantity", 0).close();
                defaultCacheBehavior(x, d);
                x.open("CacheBehaviors").leaf("Quantity", 0).close();
                x.open("CustomErrorResponses").leaf("Quantity", 0).close();
                x.leaf("Comment", comment(d))
                        .leaf("PriceClass", "PriceClass_All")
                        .leaf("Enabled", true);
                viewerCertificateAndRestrictions(x);
                x.leaf("WebACLId", "")
                        .leaf("HttpVersion", "http2")
                        .leaf("IsIPV6Enabled", true)
                        .leaf("Staging", false);
                x.close();
            }
            x.close();
        }
        return x.end();
    }

    static String error(CloudFrontError error, String requestId) {
        Xml x = Xml.document("ErrorResponse");
        x.open("Error")
                .leaf("Type", error.type())
                .leaf("Code", error.code())
                .leaf("Message", error.getMessage())
                .close();
        return x.leaf("RequestId", requestId).end();
    }

    private static void listHeader(Xml x, Page<?> page) {
        x.leaf("Marker", page.marker() == null ? "" : page.marker());
        if (page.truncated()) {
            x.leaf("NextMarker", page.nextMarker());
        }
        x.leaf("MaxItems", page.maxItems())
                .leaf("IsTruncated", page.truncated())
                .leaf("Quantity", page.items().size());
    }

    private static void aliases(Xml x, SimulatedDistribution d) {
        x.open("Aliases").leaf("Quantity", d.aliases().size());
        if (!d.aliases().isEmpty()) {
            x.open("Items");
            d.aliases().forEach(a -> x.leaf("CNAME", a));
            x.close();
        }
        x.close();
    }

    private static void origins(Xml x, SimulatedDistribution d) {
        x.open("Origins")
                .leaf("Quantity", 1)
                .open("Items")
                .open("Origin")
                .leaf("Id", d.originId())
                .leaf("DomainName", d.originDomainName())
                .leaf("OriginPath", "")
                .open("CustomHeaders")
                .leaf("Quantity", 0)
                .close()
                .open("S3OriginConfig")
                .leaf("OriginAccessIdentity", "")
                .close()
                .leaf("ConnectionAttempts", 3)
                .leaf("ConnectionTimeout", 10)
                .close()
                .close()
                .close();
    }

    private static void defaultCacheBehavior(Xml x, SimulatedDistribution d) {
        x.open("DefaultCacheBehavior")
                .leaf("TargetOriginId", d.originId())
                .open("TrustedSigners")
                .leaf("Enabled", false)
                .leaf("Quantity", 0)
                .close()
                .open("TrustedKeyGroups")
                .leaf("Enabled", false)
                .leaf("Quantity", 0)
                .close()
                .leaf("ViewerProtocolPolicy", "redirect-to-https")
                .open("AllowedMethods")
                .leaf("Quantity", 2)
                .open("Items")
                .leaf("Method", "HEAD")
                .leaf("Method", "GET")
                .close()
                .open("CachedMethods")
                .leaf("Quantity", 2)
                .open("Items")
                .leaf("Method", "HEAD")
                .leaf("Method", "GET")
                .close()
                .close()
                .close()
                .leaf("SmoothStreaming", false)
                .leaf("Compress", true)
                .open("LambdaFunctionAssociations")
                .leaf("Quantity", 0)
                .close()
                .open("FunctionAssociations")
                .leaf("Quantity", 0)
                .close()
                .leaf("FieldLevelEncryptionId", "")
                .leaf("CachePolicyId", CACHING_OPTIMIZED)
                .close();
    }

    private static void viewerCertificateAndRestrictions(Xml x) {
        x.open("ViewerCertificate")
                .leaf("CloudFrontDefaultCertificate", true)
                .leaf("SSLSupportMethod", "vip")
                .leaf("MinimumProtocolVersion", "TLSv1")
                .leaf("CertificateSource", "cloudfront")
                .close();
        x.open("Restrictions")
                .open("GeoRestriction")
                .leaf("RestrictionType", "none")
                .leaf("Quantity", 0)
                .close()
                .close();
    }

    private static String comment(SimulatedDistribution d) {
        return "Invalidator sandbox distribution " + d.id();
    }

    /** A minimal streaming XML builder: open/leaf/close, text always escaped. */
    static final class Xml {
        private final StringBuilder out = new StringBuilder(512);
        private final Deque<String> open = new ArrayDeque<>();

        static Xml document(String root) {
            Xml x = new Xml();
            x.out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<")
                    .append(root)
                    .append(" xmlns=\"")
                    .append(NAMESPACE)
                    .append("\">");
            x.open.push(root);
            return x;
        }

        Xml open(String name) {
            out.append('<').append(name).append('>');
            open.push(name);
            return this;
        }

        Xml close() {
            out.append("</").append(open.pop()).append('>');
            return this;
        }

        Xml leaf(String name, Object value) {
            out.append('<').append(name).append('>');
            text(out, String.valueOf(value));
            out.append("</").append(name).append('>');
            return this;
        }

        String end() {
            while (!open.isEmpty()) {
                close();
            }
            return out.toString();
        }

        static void text(StringBuilder out, String s) {
            for (int i = 0; i < s.length(); ) {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                switch (cp) {
                    case '&' -> out.append("&amp;");
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '"' -> out.append("&quot;");
                    case '\'' -> out.append("&apos;");
                    case '\r' -> out.append("&#13;");
                    default -> {
                        if (isXmlChar(cp)) {
                            out.appendCodePoint(cp);
                        } else {
                            out.append('\uFFFD');
                        }
                    }
                }
            }
        }

        private static boolean isXmlChar(int cp) {
            return cp == 0x9
                    || cp == 0xA
                    || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD)
                    || (cp >= 0x10000 && cp <= 0x10FFFF);
        }
    }
}
