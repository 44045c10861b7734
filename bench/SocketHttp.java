import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * HTTP/1.1 keep-alive over one blocking socket, for the load generators: they share the two
 * cores with what they measure, and this costs a fraction of what java.net.http does per request.
 * Reconnects after an error or "Connection: close"; reads Content-Length and chunked bodies.
 */
final class SocketHttp implements AutoCloseable {

    record Response(int status, String body) {
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    SocketHttp(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** A complete request; {@code body} null for none. Headers as {name, value} pairs. */
    static byte[] request(String method, String host, int port, String path, List<String[]> headers, String body) {
        StringBuilder head = new StringBuilder()
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n");
        headers.forEach(h -> head.append(h[0]).append(": ").append(h[1]).append("\r\n"));
        byte[] bodyBytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            head.append("Content-Type: application/json\r\n").append("Content-Length: ").append(bodyBytes.length).append("\r\n");
        }
        byte[] headBytes = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = Arrays.copyOf(headBytes, headBytes.length + bodyBytes.length);
        System.arraycopy(bodyBytes, 0, bytes, headBytes.length, bodyBytes.length);
        return bytes;
    }

    /** Sends the request and reads the answer; the body is kept only when asked for. */
    Response exchange(byte[] request, boolean keepBody) throws IOException {
        if (socket == null) {
            socket = new Socket(host, port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            in = new BufferedInputStream(socket.getInputStream(), 16384);
            out = socket.getOutputStream();
        }
        try {
            out.write(request);
            out.flush();
            int status = Integer.parseInt(readLine().substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            String line;
            while (!(line = readLine()).isEmpty()) {
                int colon = line.indexOf(':');
                String name = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                    close = true;
                }
            }
            ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream() : null;
            if (chunked) {
                long size;
                while ((size = Long.parseLong(readLine().split(";")[0].trim(), 16)) > 0) {
                    read(size, body);
                    readLine();
                }
                while (!readLine().isEmpty()) {
                    // trailers
                }
            } else if (length >= 0) {
                read(length, body);
            } else {
                read(Long.MAX_VALUE, body);
                close = true;
            }
            if (close) {
                close();
            }
            return new Response(status, body == null ? null : body.toString(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Reads n bytes (or to the end of the stream for Long.MAX_VALUE) into body, or skips them. */
    private void read(long n, ByteArrayOutputStream body) throws IOException {
        byte[] buffer = new byte[8192];
        while (n > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, n));
            if (read < 0) {
                if (n == Long.MAX_VALUE) {
                    return;
                }
                throw new IOException("connection closed by the server");
            }
            if (body != null) {
                body.write(buffer, 0, read);
            }
            n -= read;
        }
    }

    private String readLine() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed by the server");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
