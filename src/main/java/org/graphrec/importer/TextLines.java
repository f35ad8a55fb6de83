package org.graphrec.importer;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.graphrec.config.UserException;

/**
 * Reads a text file line by line as strict UTF-8: {@code \n} or {@code \r\n} line ends, a leading byte-order
 * mark dropped, {@code .gz} files decompressed. A line that is not valid UTF-8 is returned as
 * {@link Line#invalidUtf8()} so the caller can reject just that line; the line number stays right.
 */
public final class TextLines implements AutoCloseable {

    /** One line: its 1-based number, its text (null when it is not valid UTF-8) and the raw bytes then. */
    public record Line(long number, String text, String invalidUtf8) {
        public boolean isValid() {
            return text != null;
        }
    }

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    private long number;
    private boolean first = true;

    private TextLines(InputStream in) {
        this.in = in;
    }

    /** Opens {@code file}; gzip when the name ends in {@code .gz}. A missing file is a {@link UserException}. */
    public static TextLines open(Path file) {
        try {
            InputStream raw = Files.newInputStream(file);
            if (file.getFileName().toString().endsWith(".gz")) {
                raw = new GZIPInputStream(raw, 1 << 16);
            }
            return new TextLines(new BufferedInputStream(raw, 1 << 16));
        } catch (NoSuchFileException e) {
            throw new UserException(file + ": no such file");
        } catch (IOException e) {
            throw new UserException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The next line, or null at the end of the file. */
    public Line next() {
        try {
            bytes.reset();
            int b;
            boolean any = false;
            while ((b = in.read()) >= 0) {
                any = true;
                if (b == '\n') {
                    break;
                }
                bytes.write(b);
            }
            if (!any) {
                return null;
            }
            number++;
            byte[] data = bytes.toByteArray();
            int length = data.length;
            if (length > 0 && data[length - 1] == '\r') {
                length--;
            }
            int start = 0;
            if (first && length >= 3 && (data[0] & 0xff) == 0xEF && (data[1] & 0xff) == 0xBB
                    && (data[2] & 0xff) == 0xBF) {
                start = 3;
            }
            first = false;
            try {
                CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(data, start, length - start));
                return new Line(number, chars.toString(), null);
            } catch (CharacterCodingException e) {
                return new Line(number, null, new String(data, start, length - start, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The next line that is not blank, or null at the end of the file. A line of invalid UTF-8 is rejected here (as
     * {@code name:number}, with its raw text) and returned all the same, so that the caller can count it.
     */
    public Line nextNonBlank(String name, Rejects rejects) {
        Line line = next();
        while (line != null && line.isValid() && line.text().isBlank()) {
            line = next();
        }
        if (line != null && !line.isValid()) {
            rejects.add(name + ":" + line.number(), "invalid UTF-8", line.invalidUtf8());
        }
        return line;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // read-only
        }
    }
}
