package dev.tenantcore.contracts.events;

/** Kafka topic names: one per aggregate for events, one per job type for jobs. */
public final class Topics {

    public static final String AUTH_USERS = "auth.users";
    public static final String CORE_ORGANIZATIONS = "core.organizations";
    public static final String CORE_MEMBERSHIPS = "core.memberships";
    public static final String CORE_INVITATIONS = "core.invitations";
    public static final String CORE_TEAMS = "core.teams";
    public static final String CORE_PROJECTS = "core.projects";
    public static final String CORE_ROLES = "core.roles";
    public static final String JOBS_PREFIX = "jobs.";
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {}

    /** The topic carrying jobs of one type, e.g. {@code jobs.email}. */
    public static String jobs(String jobType) {
        return JOBS_PREFIX + jobType;
    }

    /** The dead-letter topic of a topic. */
    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
