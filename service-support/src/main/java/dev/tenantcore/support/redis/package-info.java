/** Redis client behaviour shared by the services that use Redis (needs spring-boot-data-redis on the classpath). */
@NullMarked
package dev.tenantcore.support.redis;

import org.jspecify.annotations.NullMarked;
