package dev.tenantcore.contracts.events.core;

/** The {@code metadata.type} of core events; the part before the dot names the aggregate and its topic. */
public final class CoreEventTypes {

    public static final String ORGANIZATION_CREATED = "organization.created";
    public static final String ORGANIZATION_UPDATED = "organization.updated";
    public static final String ORGANIZATION_DELETED = "organization.deleted";
    public static final String MEMBER_ADDED = "member.added";
    public static final String MEMBER_ROLE_CHANGED = "member.role_changed";
    public static final String MEMBER_REMOVED = "member.removed";
    public static final String ROLE_ASSIGNED = "assignment.created";
    public static final String ROLE_UNASSIGNED = "assignment.deleted";
    public static final String TEAM_CREATED = "team.created";
    public static final String TEAM_UPDATED = "team.updated";
    public static final String TEAM_DELETED = "team.deleted";
    public static final String PROJECT_CREATED = "project.created";
    public static final String PROJECT_UPDATED = "project.updated";
    public static final String PROJECT_DELETED = "project.deleted";
    public static final String ROLE_CREATED = "role.created";
    public static final String ROLE_UPDATED = "role.updated";
    public static final String ROLE_DELETED = "role.deleted";
    public static final String INVITATION_CREATED = "invitation.created";
    public static final String INVITATION_RESENT = "invitation.resent";
    public static final String INVITATION_REVOKED = "invitation.revoked";
    public static final String INVITATION_ACCEPTED = "invitation.accepted";

    private CoreEventTypes() {}
}
