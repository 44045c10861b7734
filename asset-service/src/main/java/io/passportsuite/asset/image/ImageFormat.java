package io.passportsuite.asset.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The image formats an upload may be, told apart by their first bytes only: a name, an extension
 * or a Content-Type the client chose decides nothing, so an HTML page called avatar.png, an SVG or
 * a PDF is no image here.
 */
public enum ImageFormat {
    JPEG("image/jpeg", "jpeg"),
    PNG("image/png", "png"),
    GIF("image/gif", "gif"),
    WEBP("image/webp", "webp");

    /** The longest signature read: RIFF, a length and WEBP. */
    public static final int SIGNATURE_LENGTH = 12;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final String contentType;
    private final String readerFormat;

    ImageFormat(String contentType, String readerFormat) {
        this.contentType = contentType;
        this.readerFormat = readerFormat;
    }

    public String contentType() {
        return contentType;
    }

    /** The ImageIO format name whose reader decodes it. */
    String readerFormat() {
        return readerFormat;
    }

    /** The format whose signature {@code head} (the file's first bytes) starts with, if any. */
    public static Optional<ImageFormat> sniff(byte[] head) {
        if (startsWith(head, (byte) 0xFF, (byte) 0xD8, (byte) 0xFF)) {
            return Optional.of(JPEG);
        }
        if (head.length >= PNG_SIGNATURE.length && Arrays.equals(head, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, "GIF87a".getBytes()) || startsWith(head, "GIF89a".getBytes())) {
            return Optional.of(GIF);
        }
        if (startsWith(head, "RIFF".getBytes()) && head.length >= 12
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    /** {@code image/png} and the like, as apps' allow-lists name them; empty for anything else. */
    public static Optional<ImageFormat> ofContentType(String contentType) {
        String wanted = contentType.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.contentType.equals(wanted)).findFirst();
    }

    private static boolean startsWith(byte[] head, byte... prefix) {
        return head.length >= prefix.length && Arrays.equals(head, 0, prefix.length, prefix, 0, prefix.length);
    }
}
