package dev.tenantcore.opensearch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * Runs one real OpenSearch node in this JVM until it is told to stop.
 *
 * <p>Arguments: {@code <http-port> <base-dir> [pid-file]}. The node keeps its data under the base
 * directory, so a restart with the same directory keeps the indices. Security is off: the node binds to
 * loopback only. The process writes its own pid file because a launcher's {@code $!} may name a wrapper.
 */
public final class OpenSearchNode {

    private OpenSearchNode() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: OpenSearchNode <http-port> <base-dir> [pid-file]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        Path base = Path.of(args[1]).toAbsolutePath();
        Files.createDirectories(base);
        if (args.length > 2) {
            Files.writeString(
                    Path.of(args[2]), Long.toString(ProcessHandle.current().pid()));
        }

        var runner = new OpenSearchRunner();
        runner.setMaxHttpPort(port);
        runner.onBuild((number, settings) -> {
                    settings.put("http.port", Integer.toString(port));
                    settings.put("transport.port", Integer.toString(port + 100));
                    settings.put("network.host", "127.0.0.1");
                    settings.put("discovery.type", "single-node");
                    settings.put("action.auto_create_index", "false");
                    settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
                    // The node runs the serial collector on a small heap: the parent breaker's real-memory mode counts
                    // garbage not yet collected and refuses bulk loads with 429 while the heap is mostly dead
                    // objects. It keeps the child breakers' reservations, which measure what requests hold.
                    settings.put("indices.breaker.total.use_real_memory", "false");
                })
                .build(OpenSearchRunner.newConfigs()
                        .clusterName("tenantcore-local")
                        .numOfNode(1)
                        .basePath(base.toString())
                        .baseHttpPort(port - 1)
                        .disableESLogger());
        runner.ensureYellow();
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (IOException ignored) {
                // the process is ending either way
            } finally {
                stopped.countDown();
            }
        }));
        System.out.println("OpenSearch node ready on http://127.0.0.1:" + port);
        // OpenSearch's threads are daemons: keep the JVM alive until it is told to stop.
        stopped.await();
    }
}
