package dev.tenantcore.core.invitations;

import dev.tenantcore.contracts.api.ErrorCode;
import dev.tenantcore.contracts.api.PageQuery;
import dev.tenantcore.contracts.events.core.CoreEventTypes;
import dev.tenantcore.contracts.events.core.InvitationChanged;
import dev.tenantcore.contracts.jobs.EmailJob;
import dev.tenantcore.contracts.jobs.JobTypes;
import dev.tenantcore.core.audit.AuditTrail;
import dev.tenantcore.core.authorization.Authorization;
import dev.tenantcore.core.authorization.Role;
import dev.tenantcore.core.authorization.Roles;
import dev.tenantcore.core.events.CoreEvents;
import dev.tenantcore.core.members.Member;
import dev.tenantcore.core.members.Members;
import dev.tenantcore.core.organizations.Organizations;
import dev.tenantcore.core.tenancy.Tenancy;
import dev.tenantcore.core.web.Caller;
import dev.tenantcore.core.web.Page;
import dev.tenantcore.core.web.Where;
import dev.tenantcore.support.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Invitations by e-mail. Only a hash of the token is stored; the token travels in the e-mail job. Accepting
 * needs the token and a signed-in user with the invited e-mail, with or without an account beforehand.
 */
@Component
public class Invitations {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SELECT = """
            select i.id, i.org_id, i.email, r.name, i.status, i.invited_by, i.expires_at, i.created_at, i.accepted_at
            from invitations i join roles r on r.id = i.role_id""";

    private final JdbcClient jdbc;
    private final Tenancy tenancy;
    private final Authorization authorization;
    private final Roles roles;
    private final Members members;
    private final Organizations organizations;
    private final AuditTrail audit;
    private final CoreEvents events;
    private final InvitationProperties properties;

    Invitations(
            JdbcClient jdbc,
            Tenancy tenancy,
            Authorization authorization,
            Roles roles,
            Members members,
            Organizations organizations,
            AuditTrail audit,
            CoreEvents events,
            InvitationProperties properties) {
        this.jdbc = jdbc;
        this.tenancy = tenancy;
        this.authorization = authorization;
        this.roles = roles;
        this.members = members;
        this.organizations = organizations;
        this.audit = audit;
        this.events = events;
        this.properties = properties;
    }

    public Invitation invite(Caller.User caller, UUID orgId, String email, String roleName) {
        UUID actor = caller.userId();
        authorization.require(actor, orgId, "create", "invitations");
        String normalized = email.strip().toLowerCase(Locale.ROOT);
        return tenancy.inOrg(orgId, actor, () -> {
            Role role = roles.byName(orgId, roleName);
            authorization.requireHoldsAll(actor, orgId, role.permissions());
            if (jdbc.sql("select count(*) from memberships m join users u on u.id = m.user_id "
                                    + "where m.org_id = ? and lower(u.email) = ?")
                            .params(orgId, normalized)
                            .query(Long.class)
                            .single()
                    > 0) {
                throw ApiException.conflict("This person is already a member");
            }
            // Expired pending invitations make way for a new one.
            jdbc.sql("update invitations set status = 'revoked' where org_id = ? and lower(email) = ? "
                            + "and status = 'pending' and expires_at < now()")
                    .params(orgId, normalized)
                    .update();
            long pending = jdbc.sql("select count(*) from invitations where org_id = ? and status = 'pending'")
                    .param(orgId)
                    .query(Long.class)
                    .single();
            Organizations.requireBelow(
                    members.count(orgId) + pending, organizations.limits(orgId).members(), "members");
            UUID id = UUID.randomUUID();
            String token = newToken();
            jdbc.sql("""
                            insert into invitations (id, org_id, email, role_id, token_hash, invited_by, expires_at)
                            values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, orgId, normalized, role.id(), hash(token), actor, expiry())
                    .update();
            Invitation invitation = find(orgId, id).orElseThrow();
            audit.record(orgId, actor, CoreEventTypes.INVITATION_CREATED, "invitation", id, null, invitation);
            events.publish(CoreEventTypes.INVITATION_CREATED, orgId, actor, changed(invitation));
            sendEmail(caller, invitation, token);
            return invitation;
        });
    }

    public Page<Invitation> list(UUID actor, UUID orgId, PageQuery page, @Nullable String status) {
        authorization.require(actor, orgId, "read", "invitations");
        Where where = new Where().and("i.org_id = ?", orgId).andIf(status, "i.status = ?");
        return tenancy.inOrg(orgId, actor, () -> {
            long total = jdbc.sql("select count(*) from invitations i" + where.sql())
                    .params(where.params())
                    .query(Long.class)
                    .single();
            var items = jdbc.sql(SELECT + where.sql() + " order by i.created_at desc, i.id limit " + page.limit()
                            + " offset " + page.offset())
                    .params(where.params())
                    .query(Invitations::invitation)
                    .list();
            return new Page<>(items, page, total);
        });
    }

    public Invitation get(UUID actor, UUID orgId, UUID invitationId) {
        authorization.require(actor, orgId, "read", "invitations");
        return tenancy.inOrg(orgId, actor, () -> find(orgId, invitationId)).orElseThrow(Invitations::notFound);
    }

    public void revoke(UUID actor, UUID orgId, UUID invitationId) {
        authorization.require(actor, orgId, "delete", "invitations");
        tenancy.runInOrg(orgId, actor, () -> {
            Invitation before = pending(orgId, invitationId);
            jdbc.sql("update invitations set status = 'revoked', version = version + 1 where org_id = ? and id = ?")
                    .params(orgId, invitationId)
                    .update();
            Invitation after = find(orgId, invitationId).orElseThrow();
            audit.record(orgId, actor, CoreEventTypes.INVITATION_REVOKED, "invitation", invitationId, before, after);
            events.publish(CoreEventTypes.INVITATION_REVOKED, orgId, actor, changed(after));
        });
    }

    /** Sends the invitation again with a new token (the old one stops working) and a new expiry. */
    public Invitation resend(Caller.User caller, UUID orgId, UUID invitationId) {
        UUID actor = caller.userId();
        authorization.require(actor, orgId, "update", "invitations");
        return tenancy.inOrg(orgId, actor, () -> {
            Invitation before = pending(orgId, invitationId);
            String token = newToken();
            jdbc.sql("update invitations set token_hash = ?, expires_at = ?, version = version + 1 "
                            + "where org_id = ? and id = ?")
                    .params(hash(token), expiry(), orgId, invitationId)
                    .update();
            Invitation after = find(orgId, invitationId).orElseThrow();
            audit.record(orgId, actor, CoreEventTypes.INVITATION_RESENT, "invitation", invitationId, before, after);
            events.publish(CoreEventTypes.INVITATION_RESENT, orgId, actor, changed(after));
            sendEmail(caller, after, token);
            return after;
        });
    }

    /** Accepts with the token, as the signed-in user whose e-mail was invited. */
    public Member accept(Caller.User caller, String token) {
        byte[] hash = hash(token);
        UUID orgId = tenancy.asUser(caller.userId(), () -> {
                    jdbc.sql("select set_config('app.invitation_token_hash', ?, true)")
                            .param(HexFormat.of().formatHex(hash))
                            .query(String.class)
                            .single();
                    return jdbc.sql("select org_id from invitations where token_hash = ?")
                            .param(hash)
                            .query(UUID.class)
                            .optional();
                })
                .orElseThrow(Invitations::notFound);
        return tenancy.inOrg(orgId, caller.userId(), () -> {
            var row = jdbc.sql("select id, email, role_id, status, expires_at from invitations "
                            + "where org_id = ? and token_hash = ? for update")
                    .params(orgId, hash)
                    .query((rs, n) -> new Object[] {
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).toInstant()
                    })
                    .optional()
                    .orElseThrow(Invitations::notFound);
            UUID id = (UUID) row[0];
            if (!"pending".equals(row[3])) {
                throw new ApiException(ErrorCode.GONE, "This invitation is no longer valid");
            }
            if (((Instant) row[4]).isBefore(Instant.now())) {
                throw new ApiException(ErrorCode.GONE, "This invitation has expired; ask for a new one");
            }
            if (!((String) row[1]).equalsIgnoreCase(caller.email())) {
                throw new ApiException(ErrorCode.FORBIDDEN, "This invitation is for another e-mail address");
            }
            Invitation before = find(orgId, id).orElseThrow();
            if (members.isMember(orgId, caller.userId())) {
                throw ApiException.conflict("You are already a member of this organization");
            }
            jdbc.sql("update invitations set status = 'accepted', accepted_at = now(), accepted_by = ?, "
                            + "version = version + 1 where org_id = ? and id = ?")
                    .params(caller.userId(), orgId, id)
                    .update();
            // The pending invitation counted towards the member limit: it is now spent.
            Member member = members.addInTransaction(caller.userId(), orgId, caller.userId(), (UUID) row[2]);
            Invitation after = find(orgId, id).orElseThrow();
            audit.record(orgId, caller.userId(), CoreEventTypes.INVITATION_ACCEPTED, "invitation", id, before, after);
            events.publish(CoreEventTypes.INVITATION_ACCEPTED, orgId, caller.userId(), changed(after));
            return member;
        });
    }

    /**
     * Enqueues the invitation e-mail as a shared-contracts {@link EmailJob}: the worker renders the
     * template and builds the accept link from its frontend URL and the token.
     */
    private void sendEmail(Caller.User inviter, Invitation invitation, String token) {
        String orgName = jdbc.sql("select name from organizations where id = ?")
                .param(invitation.orgId())
                .query(String.class)
                .single();
        var job = new EmailJob(
                EmailJob.INVITATION,
                invitation.email(),
                Map.of("token", token, "orgName", orgName, "inviterEmail", inviter.email(), "role", invitation.role()));
        events.enqueueJob(JobTypes.EMAIL, invitation.orgId(), inviter.userId(), job.toPayload());
    }

    private Invitation pending(UUID orgId, UUID invitationId) {
        Invitation invitation = find(orgId, invitationId).orElseThrow(Invitations::notFound);
        if (!invitation.status().equals("pending")) {
            throw ApiException.conflict("The invitation is no longer pending");
        }
        return invitation;
    }

    private Optional<Invitation> find(UUID orgId, UUID id) {
        return jdbc.sql(SELECT + " where i.org_id = ? and i.id = ?")
                .params(orgId, id)
                .query(Invitations::invitation)
                .optional();
    }

    private OffsetDateTime expiry() {
        return OffsetDateTime.now(ZoneOffset.UTC).plus(properties.validity());
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InvitationChanged changed(Invitation i) {
        return new InvitationChanged(i.id(), i.orgId(), i.email(), i.role(), i.status(), i.expiresAt());
    }

    private static ApiException notFound() {
        return new ApiException(ErrorCode.NOT_FOUND, "Invitation not found");
    }

    private static Invitation invitation(ResultSet rs, int n) throws SQLException {
        var accepted = rs.getObject(9, OffsetDateTime.class);
        return new Invitation(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getObject(6, UUID.class),
                rs.getObject(7, OffsetDateTime.class).toInstant(),
                rs.getObject(8, OffsetDateTime.class).toInstant(),
                accepted == null ? null : accepted.toInstant());
    }
}
