package dev.tenantcore.engines;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/** Redis 6.2 from the embedded-redis binaries, bound to loopback. */
public final class RedisEngine implements Engine {

    private final RedisServer server;
    private final int port;

    private RedisEngine(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts Redis.
     *
     * @param port the port to listen on
     * @param dataDirectory where the append-only file and pid file live when {@code persistent}
     * @param persistent keep data across restarts (append-only file)
     */
    public static RedisEngine start(int port, Path dataDirectory, boolean persistent) {
        try {
            Files.createDirectories(dataDirectory);
            Path pidFile = dataDirectory.resolve("redis.pid");
            StaleProcesses.stopByPidFile(pidFile);
            StaleProcesses.requireFreePort("Redis", port);
            var server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir " + dataDirectory.toAbsolutePath())
                    .setting("pidfile " + pidFile.toAbsolutePath())
                    .setting("appendonly " + (persistent ? "yes" : "no"))
                    .setting("save " + (persistent ? "60 1" : "\"\""))
                    .setting("maxmemory 256mb")
                    .onShutdownForceStop(true)
                    .build();
            server.start();
            return new RedisEngine(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start", e);
        }
    }

    public int port() {
        return port;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String address() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not stop cleanly", e);
        }
    }
}
