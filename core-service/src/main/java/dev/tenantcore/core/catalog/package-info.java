/**
 * The catalog: every org's live organizations, teams and projects as their event snapshots, listed by id
 * for search-service's reindex and consistency check ({@code GET /internal/{organizations|teams|projects}}).
 *
 * <p>These reads cross all tenants, which row-level security exists to prevent. Rather than weaken the tenant
 * policies or read as the schema owner, the catalog logs in as its own role, {@code core_catalog}: {@code
 * NOSUPERUSER BYPASSRLS}, granted {@code SELECT} on exactly {@code organizations}, {@code teams} and {@code
 * projects} (migration V6) and nothing else: no write, no other table, no default privileges. It is used only
 * here, through a pool of its own ({@link CatalogProperties#maxPoolSize()}, read-only connections, read-only
 * transactions), never exposed as a {@code DataSource} bean.
 *
 * <p>Why not a {@code SECURITY DEFINER} function owned by a BYPASSRLS role: {@code core_app} would need
 * {@code EXECUTE} on it, so every request path of the application role (and any injection into it) could
 * read across tenants. A separate login keeps {@code core_app} strictly tenant-bound and confines the
 * cross-tenant read to one credential, one package and a SELECT-only grant list that a reviewer reads in one
 * place. The cost is one more secret ({@code CORE_CATALOG_PASSWORD}) and two connections.
 */
@NullMarked
package dev.tenantcore.core.catalog;

import org.jspecify.annotations.NullMarked;
