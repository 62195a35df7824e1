package dev.tenantcore.core.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A WHERE clause built from optional filters, with positional parameters (never concatenated values). */
public final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final List<Object> params = new ArrayList<>();

    public Where and(String condition, Object... values) {
        conditions.add(condition);
        params.addAll(List.of(values));
        return this;
    }

    /** Adds the condition only when the value is present. */
    public Where andIf(@Nullable Object value, String condition) {
        if (value != null) {
            and(condition, value);
        }
        return this;
    }

    /** A uuid[] literal for {@code = any(?::uuid[])}. */
    public static String uuidArray(Collection<java.util.UUID> ids) {
        return "{" + String.join(",", ids.stream().map(Object::toString).toList()) + "}";
    }

    public String sql() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    public List<Object> params() {
        return List.copyOf(params);
    }

    /** A case-insensitive contains pattern with LIKE's wildcards escaped. */
    public static @Nullable String contains(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String escaped = text.toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
