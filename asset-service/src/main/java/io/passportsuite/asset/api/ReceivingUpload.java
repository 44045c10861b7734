package io.passportsuite.asset.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.fileupload2.core.DiskFileItem;
import org.apache.commons.fileupload2.core.DiskFileItemFactory;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.core.FileUploadSizeException;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.springframework.stereotype.Component;

import io.passportsuite.asset.web.Refusal;
import io.passportsuite.common.error.ErrorCode;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads the {@code file} field of a multipart request straight from the connection into a
 * temporary file, counting: past the app's limit it stops reading and the upload is refused, so
 * an oversized upload is neither kept in memory nor read to its end. A declared length beyond the
 * limit is refused before a byte of the body is read. (Spring's own multipart handling is off:
 * it would have read the whole request before the app and its limit were known.)
 */
@Component
class ReceivingUpload {

    static final String FIELD = "file";
    /** Room for the multipart boundaries, part headers and small fields around the file. */
    private static final long ENVELOPE_BYTES = 64 * 1024;
    private static final int BUFFER_BYTES = 64 * 1024;

    /** The received bytes in a temporary file the caller deletes. */
    Path receive(HttpServletRequest request, long maxFileBytes) {
        if (!JakartaServletFileUpload.isMultipartContent(request)) {
            throw new Refusal(ErrorCode.MALFORMED_REQUEST, "The body must be multipart/form-data with the file in field 'file'");
        }
        if (request.getContentLengthLong() > maxFileBytes + ENVELOPE_BYTES) {
            throw tooLarge(maxFileBytes);
        }
        JakartaServletFileUpload<DiskFileItem, DiskFileItemFactory> upload = new JakartaServletFileUpload<>();
        upload.setSizeMax(maxFileBytes + ENVELOPE_BYTES);
        try {
            FileItemInputIterator items = upload.getItemIterator(request);
            while (items.hasNext()) {
                FileItemInput item = items.next();
                if (FIELD.equals(item.getFieldName())) {
                    return copyCounting(item, maxFileBytes);
                }
            }
        } catch (FileUploadSizeException e) {
            throw tooLarge(maxFileBytes);
        } catch (IOException e) {
            if (causedByLimit(e)) {
                throw tooLarge(maxFileBytes);
            }
            throw new Refusal(ErrorCode.MALFORMED_REQUEST, "The multipart body cannot be read");
        }
        throw new Refusal(ErrorCode.VALIDATION_FAILED, "The file must be sent in the multipart field 'file'");
    }

    private static Path copyCounting(FileItemInput item, long maxFileBytes) throws IOException {
        Path file = Files.createTempFile("asset-upload-", ".bin");
        boolean kept = false;
        try (InputStream in = item.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            long total = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                total += read;
                if (total > maxFileBytes) {
                    throw tooLarge(maxFileBytes);
                }
                out.write(buffer, 0, read);
            }
            kept = true;
            return file;
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    private static boolean causedByLimit(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof FileUploadSizeException) {
                return true;
            }
        }
        return false;
    }

    private static Refusal tooLarge(long maxFileBytes) {
        return new Refusal(ErrorCode.PAYLOAD_TOO_LARGE, "The file is larger than this app's limit of " + maxFileBytes + " bytes");
    }
}
