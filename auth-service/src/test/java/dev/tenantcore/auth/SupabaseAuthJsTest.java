package dev.tenantcore.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Runs the real {@code @supabase/auth-js} from npm ({@code src/test/node}, pinned by package-lock.json) against
 * this service with Node's test runner. The second (and last) context of the module: sign-up confirmation is off so
 * that auth-js's signUp yields a session. Needs {@code node} and {@code npm} on the PATH; {@code npm ci} runs when
 * the packages are not installed yet.
 */
@AuthServiceTest
@TestPropertySource(properties = "tenantcore.auth.signup.confirmation-required=false")
class SupabaseAuthJsTest {

    private static final Path NODE_DIR = Path.of("src/test/node");

    @LocalServerPort
    int port;

    @Test
    void authJsFlowsPassAgainstTheService() throws Exception {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@supabase/auth-js"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
        }
        var result = run(
                List.of("node", "--test", "--test-reporter=spec", "auth-js.test.mjs"),
                Map.of("AUTH_URL", "http://127.0.0.1:" + port + "/auth/v1"),
                180);
        System.out.println(result.output());
    }

    private record Result(int exit, String output) {}

    private static Result run(List<String> command, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).directory(NODE_DIR.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError(
                    "cannot start " + command.getFirst() + " (Node.js 20+ and npm must be on the PATH): "
                            + e.getMessage(),
                    e);
        }
        var output = new StringBuilder();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                output.append("\n[reading output failed: ")
                        .append(e.getMessage())
                        .append(']');
            }
        });
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join(5_000);
            fail(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s:\n" + output);
        }
        reader.join(10_000);
        int exit = process.exitValue();
        assertThat(exit)
                .withFailMessage(() -> String.join(" ", command) + " exited with " + exit + ":\n" + output)
                .isZero();
        return new Result(exit, output.toString());
    }
}
