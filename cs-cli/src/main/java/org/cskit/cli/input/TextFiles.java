package org.cskit.cli.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads the user's text files, with one-line messages for the ways that fails, and the text resources the command ships. */
public final class TextFiles {
    private TextFiles() {}

    /**
     * Reads a UTF-8 text file whole.
     *
     * @param file the file
     * @return its text
     * @throws InputException naming the file if it is missing, not UTF-8 or unreadable
     */
    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file");
        } catch (MalformedInputException e) {
            throw new InputException(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new InputException(file + ": cannot read: " + e);
        }
    }

    /**
     * Reads a UTF-8 text resource that ships beside a class.
     *
     * @param beside the class
     * @param name the resource's name, relative to the class's package
     * @return its text
     * @throws IllegalStateException if it is missing: the build is broken, the input is not at fault
     */
    public static String resource(Class<?> beside, String name) {
        try (InputStream in = beside.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + beside.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
