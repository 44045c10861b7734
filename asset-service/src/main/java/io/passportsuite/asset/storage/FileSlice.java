package io.passportsuite.asset.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stretch of a file read as a stream, opened afresh for each try of a request. It fails rather
 * than send something other than what was declared: a file that ends early or, read to its declared
 * end, goes on, breaks the request so that nothing of the wrong size is stored.
 */
final class FileSlice extends InputStream {

    private final InputStream in;
    private final boolean last;
    private long remaining;
    private boolean endChecked;

    private FileSlice(InputStream in, long length, boolean last) {
        this.in = in;
        this.remaining = length;
        this.last = last;
    }

    /**
     * @param last whether the slice runs to the declared end of the file, which must then be the
     *        file's real end
     */
    static InputStream open(Path file, long offset, long length, boolean last) {
        try {
            SeekableByteChannel channel = Files.newByteChannel(file);
            try {
                channel.position(offset);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            return new FileSlice(Channels.newInputStream(channel), length, last);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int from, int length) throws IOException {
        if (remaining == 0) {
            requireEnd();
            return length == 0 ? 0 : -1;
        }
        if (length == 0) {
            return 0;
        }
        int n = in.read(buffer, from, (int) Math.min(length, remaining));
        if (n == -1) {
            throw new IOException("the file ended " + remaining + " bytes before its declared size");
        }
        remaining -= n;
        if (remaining == 0) {
            // Now rather than on a read past the end: a client that knows the length may never make it.
            requireEnd();
        }
        return n;
    }

    private void requireEnd() throws IOException {
        if (last && !endChecked) {
            endChecked = true;
            if (in.read() != -1) {
                throw new IOException("the file is longer than its declared size");
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
