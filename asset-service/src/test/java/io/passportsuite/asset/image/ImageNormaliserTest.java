package io.passportsuite.asset.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.IntBinaryOperator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.passportsuite.asset.TestImages;

class ImageNormaliserTest {

    private static final int W = 3;
    private static final int H = 2;

    /** Every pixel of the stored image lands where EXIF orientation 1-8 says a viewer shows it. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void shouldTurnThePixelsAsTheOrientationSays(int orientation) {
        BufferedImage stored = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < W; x++) {
            for (int y = 0; y < H; y++) {
                stored.setRGB(x, y, colour(x, y));
            }
        }

        BufferedImage shown = ImageNormaliser.orient(stored, orientation, true);

        boolean turned = orientation >= 5;
        assertThat(shown.getWidth()).isEqualTo(turned ? H : W);
        assertThat(shown.getHeight()).isEqualTo(turned ? W : H);
        // Where the shown pixel (x, y) comes from in the stored image, after the EXIF specification.
        IntBinaryOperator sourceX = switch (orientation) {
            case 2, 3 -> (x, y) -> W - 1 - x;
            case 5, 6 -> (x, y) -> y;
            case 7, 8 -> (x, y) -> W - 1 - y;
            default -> (x, y) -> x;
        };
        IntBinaryOperator sourceY = switch (orientation) {
            case 3, 4 -> (x, y) -> H - 1 - y;
            case 5, 8 -> (x, y) -> x;
            case 6, 7 -> (x, y) -> H - 1 - x;
            default -> (x, y) -> y;
        };
        for (int x = 0; x < shown.getWidth(); x++) {
            for (int y = 0; y < shown.getHeight(); y++) {
                assertThat(shown.getRGB(x, y) & 0xFFFFFF).as("orientation %d at (%d, %d)", orientation, x, y)
                        .isEqualTo(colour(sourceX.applyAsInt(x, y), sourceY.applyAsInt(x, y)));
            }
        }
    }

    @Test
    void shouldCountTheBytesOfTheReadersImageNotItsPixels() throws IOException {
        assertThat(bytesPerPixel(TestImages.deepPng(2, 2, 0, 0, 0, 0), ImageFormat.PNG)).isEqualTo(8);
        assertThat(bytesPerPixel(TestImages.encode(TestImages.halves(2, 2), "png"), ImageFormat.PNG)).isEqualTo(3);
        assertThat(bytesPerPixel(TestImages.encode(TestImages.halves(2, 2), "jpeg"), ImageFormat.JPEG)).isEqualTo(3);
    }

    @Test
    void shouldRefuseDeepSamplesThatWouldTakeMoreThanTheBudgetAndDecodeThoseWithin(@TempDir Path dir) throws IOException {
        // 1000 x 1000 pixels are allowed, and 8 MB: an 8-bit image of them fits, a 16-bit RGBA one (12 MB) does not.
        ImageNormaliser normaliser = new ImageNormaliser(new ImageSettings(1_000_000, 8_000_000, 0.9f, Duration.ofSeconds(30)));

        Normalised deep = normaliser.normalise(write(dir, "deep.png", TestImages.deepPng(1000, 1000, 0xFFFF, 0x8000, 0, 0xFFFF)),
                ImageFormat.PNG);
        Normalised shallow = normaliser.normalise(write(dir, "shallow.png", TestImages.encode(TestImages.halves(1000, 1000), "png")),
                ImageFormat.PNG);
        Normalised smallDeep = normaliser.normalise(write(dir, "small.png", TestImages.deepPng(500, 500, 0xFFFF, 0x8000, 0, 0xFFFF)),
                ImageFormat.PNG);

        assertThat(deep).isEqualTo(new Normalised.TooLargeToDecode(1000, 1000, 12_000_000, 8_000_000));
        assertThat(shallow).isInstanceOf(Normalised.Image.class);
        assertThat(smallDeep).isInstanceOfSatisfying(Normalised.Image.class, image -> {
            BufferedImage stored = TestImages.decode(read(image.file()));
            assertThat(stored.getWidth()).isEqualTo(500);
            assertThat(stored.getRGB(250, 250)).isEqualTo(0xFFFF8000);
        });
    }

    @Test
    void shouldNotStartWithABudgetTooSmallForTheLargest8BitImage() {
        assertThatThrownBy(() -> new ImageSettings(1_000_000, 7_999_999, 0.9f, Duration.ofSeconds(30))).isInstanceOf(IllegalArgumentException.class);
    }

    private static int bytesPerPixel(byte[] image, ImageFormat format) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName(format.readerFormat()).next();
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(image))) {
            reader.setInput(input, true, true);
            return ImageNormaliser.decodedBytesPerPixel(reader);
        } finally {
            reader.dispose();
        }
    }

    private static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static byte[] read(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int colour(int x, int y) {
        return (x * 80) << 16 | (y * 120) << 8 | 0x20;
    }
}
