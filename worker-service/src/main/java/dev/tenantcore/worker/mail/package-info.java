/** E-mail jobs: templates rendered to HTML and text, sent over SMTP. */
@NullMarked
package dev.tenantcore.worker.mail;

import org.jspecify.annotations.NullMarked;
