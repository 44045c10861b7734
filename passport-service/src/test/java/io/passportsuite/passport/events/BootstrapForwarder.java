package io.passportsuite.passport.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Accepts on a local port and pipes each connection to the broker's bootstrap address: a service
 * bootstrapped at that port sees no Kafka until a forwarder opens there (clients then talk to the
 * broker's own advertised address).
 */
final class BootstrapForwarder implements AutoCloseable {

    private final ServerSocket server;

    BootstrapForwarder(int port, String target) throws IOException {
        String hostAndPort = target.split(",")[0].replaceFirst("^[A-Za-z]+://", "");
        String host = hostAndPort.substring(0, hostAndPort.lastIndexOf(':'));
        int targetPort = Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
        server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket broker = new Socket(host, targetPort);
                    Thread.ofVirtual().start(() -> pipe(client, broker));
                    Thread.ofVirtual().start(() -> pipe(broker, client));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ended) {
            // One side closed the connection.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
