package dev.tenantcore.worker;

import java.net.URI;
import java.util.List;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server (S3Proxy, in-memory blob store, AWS signature v4) in this test JVM, one per run,
 * with the bucket of the worker's reports. The worker's S3 settings point at it; whether a report goes to it
 * is up to the test's report store (see {@code reports.OrgRoutedReportStore}).
 */
public final class S3Server {

    public static final String BUCKET = "tenantcore-reports";
    static final String ACCESS_KEY = "worker-test";
    static final String SECRET_KEY = "worker-test-secret";

    private static S3Server instance;

    private final S3Proxy proxy;
    private final S3Client client;

    private S3Server() throws Exception {
        var blobs = ContextBuilder.newBuilder("transient-nio2")
                .credentials(ACCESS_KEY, SECRET_KEY)
                .build(BlobStoreContext.class)
                .getBlobStore();
        proxy = S3Proxy.builder()
                .blobStore(blobs)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(5);
        }
        client = S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        client.createBucket(create -> create.bucket(BUCKET));
    }

    public static synchronized S3Server get() {
        if (instance == null) {
            try {
                instance = new S3Server();
            } catch (Exception e) {
                throw new IllegalStateException("S3Proxy did not start", e);
            }
        }
        return instance;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** A client of the server, as an operator would look into the bucket. */
    public S3Client client() {
        return client;
    }

    /** The keys of the bucket's objects under the prefix. */
    public List<String> keys(String prefix) {
        return client.listObjectsV2Paginator(list -> list.bucket(BUCKET).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    /** Points the worker's S3 settings at the server (the store itself stays the default). */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {

        @Bean
        DynamicPropertyRegistrar s3ServerSettings() {
            return registry -> {
                registry.add("tenantcore.worker.reports.s3.endpoint", () -> get().endpoint());
                registry.add("tenantcore.worker.reports.s3.bucket", () -> BUCKET);
                registry.add("tenantcore.worker.reports.s3.access-key", () -> ACCESS_KEY);
                registry.add("tenantcore.worker.reports.s3.secret-key", () -> SECRET_KEY);
                registry.add("tenantcore.worker.reports.s3.path-style-access", () -> "true");
            };
        }
    }
}
