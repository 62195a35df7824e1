package dev.tenantcore.core.web;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.support.web.ApiException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Entity tags from resource versions: {@code "v<version>"}. {@code If-None-Match} answers 304; {@code If-Match}
 * on an update states the version the client edited, and a changed resource answers 412.
 */
public final class ETags {

    private static final Pattern TAG = Pattern.compile("^(?:W/)?\"v(\\d{1,18})\"$");

    private ETags() {}

    public static String of(long version) {
        return "\"v" + version + "\"";
    }

    /** 200 with the tag, or 304 when the client already holds this version. */
    public static <T> ResponseEntity<T> ok(T body, long version, @Nullable String ifNoneMatch) {
        String tag = of(version);
        if (ifNoneMatch != null && (ifNoneMatch.trim().equals("*") || ifNoneMatch.contains(tag))) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(tag).build();
        }
        return ResponseEntity.ok().eTag(tag).body(body);
    }

    /** The version an {@code If-Match} header expects, or null when the client did not ask for a check. */
    public static @Nullable Long expectedVersion(@Nullable String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher m = TAG.matcher(ifMatch.trim());
        if (!m.matches()) {
            throw changed();
        }
        return Long.parseLong(m.group(1));
    }

    public static ApiException changed() {
        return new ApiException(
                ErrorCode.PRECONDITION_FAILED, "The resource was changed by someone else; reload it and retry");
    }
}
