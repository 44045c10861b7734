package io.passportsuite.asset;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import javax.imageio.ImageIO;

/** Images made in code for the upload tests, with the metadata and defects a client could send. */
public final class TestImages {

    /** 1 x 1 WebP images, lossy (VP8) and lossless (VP8L), as browsers' feature tests use them. */
    public static final byte[] WEBP_LOSSY = Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");
    public static final byte[] WEBP_LOSSLESS = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    private TestImages() {
    }

    /** {@code width} x {@code height}, the left half red, the right half blue. */
    public static BufferedImage halves(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, x < width / 2 ? Color.RED.getRGB() : Color.BLUE.getRGB());
            }
        }
        return image;
    }

    /** Random pixels: a PNG of it hardly compresses, so truncating it cuts into the image data. */
    public static BufferedImage noise(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        return image;
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A JPEG of {@link #halves} with an EXIF segment as a phone writes it: orientation 6 (the
     * camera was turned: show it rotated 90 degrees clockwise) and a GPS position.
     */
    public static byte[] jpegWithExif(int width, int height) {
        byte[] jpeg = encode(halves(width, height), "jpeg");
        ByteBuffer tiff = ByteBuffer.allocate(56);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) 6).putShort((short) 0);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(38);
        tiff.putInt(0);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        tiff.putInt(0);
        byte[] exifHeader = "Exif\0\0".getBytes(StandardCharsets.US_ASCII);
        int length = 2 + exifHeader.length + tiff.capacity();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(exifHeader);
        out.writeBytes(tiff.array());
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** A PNG with a tEXt chunk right after its header, as editors write comments and locations. */
    public static byte[] pngWithText(BufferedImage image, String keyword, String text) {
        byte[] png = encode(image, "png");
        int afterHeader = 8 + 4 + 4 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, afterHeader);
        out.writeBytes(chunk("tEXt", (keyword + "\0" + text).getBytes(StandardCharsets.ISO_8859_1)));
        out.write(png, afterHeader, png.length - afterHeader);
        return out.toByteArray();
    }

    /** A valid PNG signature and header claiming {@code width} x {@code height}, and no pixel data at all. */
    public static byte[] pngClaiming(int width, int height) {
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", header.array()));
        out.writeBytes(chunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /**
     * A PNG of 16-bit RGBA samples (8 bytes a pixel decoded), all pixels {@code red, green, blue,
     * alpha}, compressed as it is written: a 4096 x 4096 one is some 130 KB on the wire without a
     * whole image ever in memory here.
     */
    public static byte[] deepPng(int width, int height, int red, int green, int blue, int alpha) {
        ByteBuffer header = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 16).put((byte) 6).put((byte) 0)
                .put((byte) 0).put((byte) 0);
        ByteBuffer row = ByteBuffer.allocate(1 + width * 8).put((byte) 0);
        for (int x = 0; x < width; x++) {
            row.putShort((short) red).putShort((short) green).putShort((short) blue).putShort((short) alpha);
        }
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflating = new DeflaterOutputStream(compressed, new Deflater(Deflater.BEST_COMPRESSION), 1 << 16)) {
            for (int y = 0; y < height; y++) {
                deflating.write(row.array());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", header.array()));
        out.writeBytes(chunk("IDAT", compressed.toByteArray()));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length).putInt(data.length).put(typeBytes).put(data).putInt((int) crc.getValue()).array();
    }

    public static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
