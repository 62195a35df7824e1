/** Checks of the deployment files under {@code deploy/} and the services' Dockerfiles. */
@NullMarked
package dev.tenantcore.deploy;

import org.jspecify.annotations.NullMarked;
