package dev.tenantcore.engines;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An SMTP server that accepts every message and keeps it in memory, so that mail is really sent and can
 * be read back: by tests through {@link #messages()}, by people through {@code GET /messages} on the
 * optional HTTP port.
 */
public final class MailEngine implements Engine {

    private final GreenMail greenMail;
    private final @Nullable HttpServer viewer;

    private MailEngine(GreenMail greenMail, @Nullable HttpServer viewer) {
        this.greenMail = greenMail;
        this.viewer = viewer;
    }

    /**
     * Starts the SMTP server.
     *
     * @param smtpPort SMTP port, or 0 for a free one
     * @param viewerPort port of the JSON message list, or -1 for none
     */
    public static MailEngine start(int smtpPort, int viewerPort) {
        if (smtpPort > 0) {
            StaleProcesses.requireFreePort("SMTP", smtpPort);
        }
        var greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        HttpServer viewer = null;
        if (viewerPort >= 0) {
            viewer = startViewer(greenMail, viewerPort);
        }
        return new MailEngine(greenMail, viewer);
    }

    private static HttpServer startViewer(GreenMail greenMail, int port) {
        try {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
            server.createContext("/messages", exchange -> {
                byte[] body = toJson(greenMail.getReceivedMessages()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("mail viewer did not start", e);
        }
    }

    /** The messages received so far, oldest first. */
    public List<ReceivedMail> messages() {
        return List.of(greenMail.getReceivedMessages()).stream()
                .map(MailEngine::toReceived)
                .toList();
    }

    /** Forgets every message received so far. */
    public void clear() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException("cannot clear mailboxes", e);
        }
    }

    private static ReceivedMail toReceived(MimeMessage message) {
        try {
            var to = message.getAllRecipients() == null
                    ? List.<String>of()
                    : List.of(message.getAllRecipients()).stream()
                            .map(Object::toString)
                            .toList();
            return new ReceivedMail(
                    String.valueOf(message.getFrom()[0]), to, message.getSubject(), GreenMailUtil.getBody(message));
        } catch (MessagingException e) {
            throw new IllegalStateException("unreadable message", e);
        }
    }

    private static String toJson(MimeMessage[] messages) {
        return List.of(messages).stream()
                .map(MailEngine::toReceived)
                .map(m -> "{\"from\":%s,\"to\":[%s],\"subject\":%s,\"body\":%s}"
                        .formatted(
                                quote(m.from()),
                                m.to().stream().map(MailEngine::quote).collect(Collectors.joining(",")),
                                quote(m.subject()),
                                quote(m.body())))
                .collect(Collectors.joining(",", "[", "]"));
    }

    private static String quote(@Nullable String s) {
        if (s == null) {
            return "null";
        }
        var out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u%04x".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    @Override
    public String name() {
        return "smtp";
    }

    @Override
    public String address() {
        return "smtp://127.0.0.1:" + smtpPort();
    }

    @Override
    public void close() {
        if (viewer != null) {
            viewer.stop(0);
        }
        greenMail.stop();
    }

    /** A message as received by the SMTP server. */
    public record ReceivedMail(
            String from, List<String> to, @Nullable String subject, String body) {}
}
