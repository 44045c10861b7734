package io.passportsuite.asset.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;

/**
 * Decodes an upload and encodes its pixels anew, so what is stored and served is an image the
 * service wrote itself: no EXIF (GPS, camera), no text chunks, no comment, nothing appended after
 * the image, nothing a browser could take for another type.
 *
 * <ul>
 *   <li>The dimensions are read from the header first, with the reader of the sniffed format
 *       only; more pixels than {@link ImageSettings#maxPixels()} are refused before any is decoded.</li>
 *   <li>So are pixels whose decoding would take more heap than {@link ImageSettings#decodingBytes()}:
 *       the reader's own image (a 16-bit RGBA PNG takes 8 bytes a pixel, twice an 8-bit one) and the
 *       4-byte-a-pixel copy it is drawn into. Decodes wait until their bytes fit in that budget.</li>
 *   <li>A JPEG stays a JPEG (EXIF orientation applied to the pixels, as a viewer would show it).</li>
 *   <li>PNG, GIF and WebP become PNG: lossless and with transparency. No pure-Java encoder writes
 *       WebP; a GIF keeps its first frame only.</li>
 *   <li>A reader's warning (a truncated JPEG decodes to a partly grey picture with one) counts as
 *       undecodable.</li>
 * </ul>
 */
@Component
public class ImageNormaliser {

    /** The decoding budget is counted in blocks of this many bytes (a semaphore counts in ints). */
    private static final long BYTES_PER_PERMIT = 1024;

    /** The image {@link #orient} draws into: one int a pixel (RGB or ARGB). */
    private static final int DRAWN_BYTES_PER_PIXEL = 4;

    private final ImageSettings settings;
    private final Semaphore decoding;
    /**
     * Decoding and encoding run here, on platform threads, one a core. Requests run on virtual
     * threads, and a virtual thread that computes for a second keeps its carrier all that time: a
     * few decodes on the few carriers would leave no carrier to a request that holds a database
     * connection, and the pool would run dry while its connections sat on threads that could not
     * run. Platform threads are shared out by the operating system instead.
     */
    private final ExecutorService coding;

    ImageNormaliser(ImageSettings settings) {
        this.settings = settings;
        this.decoding = new Semaphore(permits(settings.decodingBytes()), true);
        this.coding = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                Thread.ofPlatform().name("image-coding-", 0).daemon(true).factory());
        // Registers the WebP reader on the class path once, on the thread that starts the service.
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    public Normalised normalise(Path upload, ImageFormat format) {
        ImageReader reader = readerOf(format);
        try (ImageInputStream input = ImageIO.createImageInputStream(upload.toFile())) {
            reader.setInput(input, true, true);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            if (width < 1 || height < 1) {
                return new Normalised.Undecodable("the image has no pixels");
            }
            if (width * height > settings.maxPixels()) {
                return new Normalised.TooManyPixels(width, height, settings.maxPixels());
            }
            long bytes = width * height * (decodedBytesPerPixel(reader) + DRAWN_BYTES_PER_PIXEL);
            if (bytes > settings.decodingBytes()) {
                return new Normalised.TooLargeToDecode(width, height, bytes, settings.decodingBytes());
            }
            int permits = permits(bytes);
            long deadline = System.nanoTime() + settings.maxWait().toNanos();
            if (!decoding.tryAcquire(permits, settings.maxWait().toNanos(), TimeUnit.NANOSECONDS)) {
                return new Normalised.Busy();
            }
            try {
                return onCodingThread(() -> decode(reader, upload, format), deadline);
            } finally {
                decoding.release(permits);
            }
        } catch (IOException | RuntimeException e) {
            // Readers answer corrupt input with IIOException and, now and then, runtime exceptions.
            return new Normalised.Undecodable(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Normalised.Undecodable("interrupted");
        } finally {
            reader.dispose();
        }
    }

    @PreDestroy
    void stop() {
        coding.shutdownNow();
    }

    private Normalised onCodingThread(Callable<Normalised> work, long deadline) throws IOException, InterruptedException {
        // Taken by whichever comes first: the coding thread starting the work, or the caller giving
        // up on it. A FutureTask counts as cancellable while it runs, so its own cancel cannot tell.
        AtomicBoolean claimed = new AtomicBoolean();
        Future<Normalised> result = coding.submit(() -> claimed.compareAndSet(false, true) ? work.call() : null);
        try {
            try {
                return result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (claimed.compareAndSet(false, true)) {
                    result.cancel(false);
                    return new Normalised.Busy();
                }
                // Already decoding: it ends soon, and its work is not thrown away.
                return result.get();
            }
        } catch (InterruptedException e) {
            if (!claimed.compareAndSet(false, true)) {
                // Decoding: the reader and the decoding budget are in use until it ends, so the
                // caller (who disposes of one and releases the other) waits for it first.
                awaitUninterruptibly(result);
                Thread.currentThread().interrupt();
            }
            result.cancel(false);
            throw e;
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                case Throwable other -> throw new IllegalStateException(other);
            }
        }
    }

    private static void awaitUninterruptibly(Future<Normalised> result) {
        while (!result.isDone()) {
            try {
                // Nobody takes this image: its re-encoded file goes now.
                if (result.get() instanceof Normalised.Image image) {
                    Files.deleteIfExists(image.file());
                }
            } catch (InterruptedException | ExecutionException | IOException e) {
                // Only its end matters here.
            }
        }
    }

    private Normalised decode(ImageReader reader, Path upload, ImageFormat format) throws IOException {
        AtomicReference<String> warning = new AtomicReference<>();
        reader.addIIOReadWarningListener((IIOReadWarningListener) (source, message) -> warning.compareAndSet(null, message));
        BufferedImage decoded = reader.read(0);
        if (warning.get() != null) {
            return new Normalised.Undecodable(warning.get());
        }
        return encode(orient(decoded, orientationOf(upload), format == ImageFormat.JPEG));
    }

    private static int permits(long bytes) {
        return (int) Math.max(1, (bytes + BYTES_PER_PERMIT - 1) / BYTES_PER_PERMIT);
    }

    /**
     * Heap a pixel takes in the image {@code reader.read(0)} allocates: that of the first image type
     * the reader offers (the one it decodes into), from its sample model's data elements, so 16-bit
     * samples count twice. A reader offering no type counts as the widest a reader here produces
     * (four 16-bit samples).
     */
    static int decodedBytesPerPixel(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        if (types == null || !types.hasNext()) {
            return 8;
        }
        SampleModel model = types.next().getSampleModel(1, 1);
        long bits = (long) model.getNumDataElements() * DataBuffer.getDataTypeSize(model.getDataType());
        return (int) Math.max(1, (bits + 7) / 8);
    }

    private Normalised encode(BufferedImage image) throws IOException {
        boolean jpeg = image.getType() == BufferedImage.TYPE_INT_RGB;
        Path output = Files.createTempFile("asset-", jpeg ? ".jpg" : ".png");
        try {
            if (jpeg) {
                writeJpeg(image, output);
            } else if (!ImageIO.write(image, "png", output.toFile())) {
                throw new IllegalStateException("No PNG writer");
            }
            return new Normalised.Image(output, jpeg ? ImageFormat.JPEG.contentType() : ImageFormat.PNG.contentType(),
                    image.getWidth(), image.getHeight());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(output);
            throw e;
        }
    }

    private void writeJpeg(BufferedImage image, Path output) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(output.toFile())) {
            writer.setOutput(out);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            parameters.setCompressionQuality(settings.jpegQuality());
            // No metadata given: the writer adds its bare JFIF header and nothing of the upload's.
            writer.write(null, new IIOImage(image, null, null), parameters);
        } finally {
            writer.dispose();
        }
    }

    /**
     * The pixels drawn into a new image of a standard type, turned as EXIF orientation {@code 1}-{@code 8}
     * says: RGB for a JPEG (which has no alpha), ARGB for the rest.
     */
    static BufferedImage orient(BufferedImage image, int orientation, boolean opaque) {
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform transform = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> new AffineTransform();
        };
        boolean turned = orientation >= 5 && orientation <= 8;
        BufferedImage result = new BufferedImage(turned ? h : w, turned ? w : h,
                opaque ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = result.createGraphics();
        try {
            if (opaque) {
                graphics.setColor(Color.WHITE);
                graphics.fillRect(0, 0, result.getWidth(), result.getHeight());
            }
            graphics.drawImage(image, transform, null);
        } finally {
            graphics.dispose();
        }
        return result;
    }

    /** EXIF orientation, 1 (as stored) when the file has none or it cannot be read. */
    private static int orientationOf(Path upload) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(upload.toFile());
            ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            }
        } catch (Exception e) {
            // Unreadable metadata leaves the picture as it was decoded.
        }
        return 1;
    }

    private static ImageReader readerOf(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerFormat());
        if (!readers.hasNext()) {
            throw new UncheckedIOException(new IOException("No ImageIO reader for " + format));
        }
        return readers.next();
    }
}
