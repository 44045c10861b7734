package io.passportsuite.asset.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.function.IntBinaryOperator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    private static int colour(int x, int y) {
        return (x * 80) << 16 | (y * 120) << 8 | 0x20;
    }
}
