package io.passportsuite.admin.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The last lines of a file, read backwards from its end one block at a time, so that asking for
 * 200 lines of a 10 MiB file reads a few KiB of it. Bytes after the last newline are a line still
 * being written and are left out; blank lines are skipped.
 */
final class TailReader {

    private static final int BLOCK = 16 * 1024;

    private TailReader() {
    }

    /** Up to {@code max} last complete lines of {@code file}, oldest first; none if it does not exist. */
    static List<String> lastLines(Path file, int max) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return lastLines(channel, max);
        } catch (NoSuchFileException rolledAway) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    /**
     * The length of {@code channel}'s first {@code size} bytes up to and including their last
     * newline: what is after it is a line still being written. Reads backwards from {@code size}.
     */
    static long completeLength(FileChannel channel, long size) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BLOCK);
        long position = size;
        while (position > 0) {
            int length = (int) Math.min(BLOCK, position);
            position -= length;
            buffer.clear().limit(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    break;
                }
            }
            for (int i = length - 1; i >= 0; i--) {
                if (buffer.get(i) == '\n') {
                    return position + i + 1;
                }
            }
        }
        return 0;
    }

    private static List<String> lastLines(FileChannel channel, int max) throws IOException {
        List<String> newestFirst = new ArrayList<>();
        byte[] carry = new byte[0];
        boolean lastNewlineSeen = false;
        long position = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate(BLOCK);
        while (position > 0 && newestFirst.size() < max) {
            int length = (int) Math.min(BLOCK, position);
            position -= length;
            buffer.clear().limit(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    break;
                }
            }
            byte[] block = buffer.array();
            int end = length;
            for (int i = length - 1; i >= 0 && newestFirst.size() < max; i--) {
                if (block[i] != '\n') {
                    continue;
                }
                byte[] line = concat(block, i + 1, end, carry);
                carry = new byte[0];
                end = i;
                if (lastNewlineSeen) {
                    add(newestFirst, line);
                } else {
                    lastNewlineSeen = true;
                }
            }
            carry = concat(block, 0, end, carry);
        }
        if (position == 0 && lastNewlineSeen && newestFirst.size() < max) {
            add(newestFirst, carry);
        }
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static void add(List<String> lines, byte[] bytes) {
        String line = new String(bytes, StandardCharsets.UTF_8).stripTrailing();
        if (!line.isBlank()) {
            lines.add(line);
        }
    }

    private static byte[] concat(byte[] block, int from, int to, byte[] tail) {
        byte[] joined = new byte[to - from + tail.length];
        System.arraycopy(block, from, joined, 0, to - from);
        System.arraycopy(tail, 0, joined, to - from, tail.length);
        return joined;
    }
}
