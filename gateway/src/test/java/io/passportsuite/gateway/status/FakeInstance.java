package io.passportsuite.gateway.status;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/** A stand-in for a service instance whose readiness the test sets. */
final class FakeInstance implements AutoCloseable {

    private final HttpServer server;
    private volatile int readinessStatus = 200;

    FakeInstance() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/actuator/health/readiness", exchange -> {
            byte[] body = (readinessStatus == 200 ? "{\"status\":\"UP\"}" : "{\"status\":\"DOWN\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(readinessStatus, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void ready(boolean ready) {
        readinessStatus = ready ? 200 : 503;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
