package dev.tenantcore.engines;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/** A standalone Kafka broker in KRaft mode (broker and controller in one), inside this JVM. */
public final class KafkaEngine implements Engine {

    private final KafkaRaftServer server;
    private final int port;

    private KafkaEngine(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Formats the log directory once, then starts the broker.
     *
     * @param port the client port; the controller listens on {@code port + 1}
     * @param logDirectory where the broker keeps its logs and metadata
     */
    public static KafkaEngine start(int port, Path logDirectory) {
        StaleProcesses.requireFreePort("Kafka", port);
        StaleProcesses.requireFreePort("Kafka controller", port + 1);
        try {
            Files.createDirectories(logDirectory);
            Properties props = brokerProperties(port, logDirectory);
            if (!Files.exists(logDirectory.resolve("meta.properties"))) {
                format(props, logDirectory);
            }
            var server = new KafkaRaftServer(KafkaConfig.fromProps(props), Time.SYSTEM);
            server.startup();
            return new KafkaEngine(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start", e);
        }
    }

    static Properties brokerProperties(int port, Path logDirectory) {
        var p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + (port + 1));
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + (port + 1));
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logDirectory.toAbsolutePath().toString());
        p.put("num.partitions", "3");
        p.put("auto.create.topics.enable", "true");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("log.flush.interval.messages", "1");
        return p;
    }

    private static void format(Properties props, Path logDirectory) throws IOException {
        Path config = logDirectory.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "standalone KRaft broker");
        }
        var output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(
                new String[] {
                    "format",
                    "--config",
                    config.toString(),
                    "--cluster-id",
                    Uuid.randomUuid().toString(),
                    "--ignore-formatted"
                },
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("Kafka storage format failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public String address() {
        return bootstrapServers();
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
