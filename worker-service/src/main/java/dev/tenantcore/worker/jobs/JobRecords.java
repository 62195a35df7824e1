package dev.tenantcore.worker.jobs;

import dev.tenantcore.contracts.jobs.JobRequest;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes {@link JobRequest}s as the JSON bytes that travel on {@code jobs.<type>}. */
@Component
class JobRecords {

    private final JsonMapper json;

    JobRecords(JsonMapper json) {
        this.json = json;
    }

    byte[] write(JobRequest request) {
        return json.writeValueAsBytes(request);
    }

    /** The job in a record of the topic of {@code type}; {@link JobRejected} if it is not a valid job. */
    Job read(String type, byte @Nullable [] value) {
        JobRequest request;
        try {
            request = value == null ? null : json.readValue(value, JobRequest.class);
        } catch (JacksonException e) {
            throw JobRejected.malformed(e);
        }
        if (request == null || request.metadata() == null || request.metadata().id() == null) {
            throw JobRejected.because("the job has no id");
        }
        var metadata = request.metadata();
        if (!type.equals(metadata.type())) {
            throw JobRejected.because("a job of type " + metadata.type() + " on the topic of " + type);
        }
        Instant occurredAt = metadata.occurredAt() == null ? Instant.now() : metadata.occurredAt();
        var payload = request.payload() == null ? java.util.Map.<String, Object>of() : request.payload();
        return new Job(metadata.id(), type, metadata.orgId(), metadata.actorId(), occurredAt, payload);
    }

    /** What can be read of a record that may be malformed: its job id, org and type, if present. */
    Optional<Identity> identity(byte @Nullable [] value) {
        try {
            JsonNode metadata = json.readTree(value).path("metadata");
            UUID id = UUID.fromString(metadata.path("id").asString());
            String org = metadata.path("orgId").asString(null);
            return Optional.of(new Identity(
                    id,
                    org == null ? null : UUID.fromString(org),
                    metadata.path("type").asString("unknown")));
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    record Identity(UUID id, @Nullable UUID orgId, String type) {}
}
