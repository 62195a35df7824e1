package dev.tenantcore.worker.reports;

import dev.tenantcore.worker.config.WorkerProperties;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ContentDisposition;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The {@link ReportStore} on an S3-compatible bucket ({@code tenantcore.worker.reports.store=s3}), for exports too
 * large for a database row. Objects are private and keyed {@code orgs/<orgId>/<reportId>}, so a report is only
 * found with its own org's id; kind, filename and expiry are user metadata. Downloads stream the object through
 * the API (no public bucket, no presigned link that would outlive the caller's authorization). The retention
 * purge deletes expired objects: the expiry is the object's, so a change of retention does not touch files
 * already made.
 */
@Component
@ConditionalOnProperty(name = "tenantcore.worker.reports.store", havingValue = "s3")
class S3ReportStore implements ReportStore, AutoCloseable {

    static final String ORGS = "orgs/";

    private static final String KIND = "kind";
    private static final String EXPIRES_AT = "expires-at";
    private static final Logger log = LoggerFactory.getLogger(S3ReportStore.class);

    private final S3Client s3;
    private final String bucket;

    @Autowired
    S3ReportStore(WorkerProperties properties) {
        this(client(properties.reports().s3()), properties.reports().s3().bucket());
    }

    S3ReportStore(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    static S3Client client(WorkerProperties.S3 settings) {
        var builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .forcePathStyle(settings.pathStyleAccess())
                .credentialsProvider(credentials(settings))
                // Checksums only where S3 requires them: S3-compatible servers differ in their support of the
                // SDK's default trailing checksums (aws-chunked uploads).
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null && !settings.endpoint().toString().isBlank()) {
            builder.endpointOverride(settings.endpoint());
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(WorkerProperties.S3 settings) {
        if (settings.accessKey() == null || settings.accessKey().isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(
                AwsBasicCredentials.create(settings.accessKey(), String.valueOf(settings.secretKey())));
    }

    static String key(UUID orgId, UUID reportId) {
        return ORGS + orgId + "/" + reportId;
    }

    @Override
    public void save(StoredReport report) {
        s3.putObject(
                put -> put.bucket(bucket)
                        .key(key(report.orgId(), report.id()))
                        .contentType(report.contentType())
                        .contentLength((long) report.content().length)
                        .contentDisposition(ContentDisposition.attachment()
                                .filename(report.filename())
                                .build()
                                .toString())
                        .metadata(Map.of(
                                KIND,
                                report.kind(),
                                EXPIRES_AT,
                                report.expiresAt().toString())),
                RequestBody.fromBytes(report.content()));
    }

    @Override
    public Optional<ReportFile> find(UUID orgId, UUID reportId, String kind) {
        ResponseInputStream<GetObjectResponse> object;
        try {
            object = s3.getObject(get -> get.bucket(bucket).key(key(orgId, reportId)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
        GetObjectResponse head = object.response();
        if (!kind.equals(head.metadata().get(KIND)) || expired(head.metadata(), Instant.now())) {
            // Not read to the end: abort rather than drain it to reuse the connection.
            object.abort();
            return Optional.empty();
        }
        return Optional.of(new ReportFile(
                head.contentType(),
                filename(head.contentDisposition(), reportId),
                Objects.requireNonNullElse(head.contentLength(), -1L),
                object));
    }

    /**
     * Lists every org's objects and deletes those whose expiry has passed (read from each object's metadata).
     * Objects without a readable expiry are kept and logged, never guessed at.
     */
    @Override
    public int deleteExpired(Instant now) {
        int deleted = 0;
        for (S3Object object : s3.listObjectsV2Paginator(
                        list -> list.bucket(bucket).prefix(ORGS))
                .contents()) {
            var metadata =
                    s3.headObject(head -> head.bucket(bucket).key(object.key())).metadata();
            if (!metadata.containsKey(EXPIRES_AT)) {
                log.warn("report object {} has no expiry; kept", object.key());
            } else if (expired(metadata, now)) {
                s3.deleteObject(delete -> delete.bucket(bucket).key(object.key()));
                deleted++;
            }
        }
        return deleted;
    }

    private static boolean expired(Map<String, String> metadata, Instant now) {
        try {
            return !Instant.parse(metadata.getOrDefault(EXPIRES_AT, "")).isAfter(now);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static String filename(@Nullable String disposition, UUID reportId) {
        String name = disposition == null
                ? null
                : ContentDisposition.parse(disposition).getFilename();
        return name == null ? reportId.toString() : name;
    }

    @Override
    public void close() {
        s3.close();
    }
}
