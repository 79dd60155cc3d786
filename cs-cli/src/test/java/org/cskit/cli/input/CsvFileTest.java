package org.cskit.cli.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileTest {
    @TempDir
    Path dir;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("in.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private List<String> rows(Path file) {
        List<String> out = new ArrayList<>();
        CsvFile.of(file).forEach(r -> out.add(r.line() + ":" + r.optional("a") + "|" + r.optional("b")));
        return out;
    }

    @Test
    void forEach_quotedFieldsAcrossLines_rowsKeepTheirStartingLines() throws IOException {
        Path file = write("a,b\n1,\"two\nlines\"\n\"x, \"\"y\"\"\",3\r\n\n4,5\n");

        assertThat(rows(file)).containsExactly("2:1|two\nlines", "4:x, \"y\"|3", "6:4|5");
    }

    @Test
    void forEach_byteOrderMarkAndSpaces_areNotPartOfTheNames() throws IOException {
        Path file = write("\uFEFFa , b\n 1 ,2\n");

        assertThat(rows(file)).containsExactly("2:1|2");
    }

    @Test
    void forEach_quoteInsideAnUnquotedField_isKeptAsText() throws IOException {
        Path file = write("a,b\n5\" screen,2\n");

        assertThat(rows(file)).containsExactly("2:5\" screen|2");
    }

    @Test
    void forEach_returnsTheNumberOfDataRows() throws IOException {
        Path file = write("a,b\n1,2\n3,4\n5,6");

        assertThat(CsvFile.of(file).forEach(r -> { })).isEqualTo(3);
    }

    @Test
    void forEach_missingRequiredColumn_namesTheHeaderLineAndTheColumns() throws IOException {
        Path file = write("a,b\n1,2\n");

        assertThatThrownBy(() -> CsvFile.of(file).requireColumns(List.of("a", "c", "d")).forEach(r -> { }))
                .isInstanceOf(InputException.class)
                .hasMessage(file + ":1: missing columns 'c', 'd'; the header has a, b");
    }

    @Test
    void forEach_textAfterAClosingQuote_isRejectedWithItsLine() throws IOException {
        Path file = write("a,b\n1,2\n\"3\"x,4\n");

        assertThatThrownBy(() -> rows(file)).isInstanceOf(InputException.class)
                .hasMessage(file + ":3: text after a closing quote");
    }

    @Test
    void forEach_notUtf8_isRejected() throws IOException {
        Path file = dir.resolve("latin1.csv");
        Files.write(file, new byte[] {'a', ',', 'b', '\n', '1', ',', (byte) 0xE9, (byte) 0x41, '\n'});

        assertThatThrownBy(() -> rows(file)).isInstanceOf(InputException.class)
                .hasMessageStartingWith(file + ":").hasMessageEndingWith(": not UTF-8 text");
    }

    @Test
    void forEach_emptyOrHeaderOnlyOrDuplicateHeader_isRejected() throws IOException {
        Path empty = write("\n\n");
        assertThatThrownBy(() -> rows(empty)).isInstanceOf(InputException.class)
                .hasMessage(empty + ": empty file, expected a header line");
        Path headerOnly = write("a,b\n");
        assertThatThrownBy(() -> rows(headerOnly)).isInstanceOf(InputException.class)
                .hasMessage(headerOnly + ": no data rows after the header");
        Path duplicate = write("a,b,a\n1,2,3\n");
        assertThatThrownBy(() -> rows(duplicate)).isInstanceOf(InputException.class)
                .hasMessage(duplicate + ":1: duplicate column 'a' in the header");
        Path blankName = write("a,,b\n1,2,3\n");
        assertThatThrownBy(() -> rows(blankName)).isInstanceOf(InputException.class)
                .hasMessage(blankName + ":1: header column 2 has no name");
    }

    @Test
    void forEach_actionsProblem_stopsTheReadAtThatRow() throws IOException {
        Path file = write("a,b\n1,2\nx,4\n5,6\n");
        List<String> seen = new ArrayList<>();

        assertThatThrownBy(() -> CsvFile.of(file).forEach(r -> {
            seen.add(r.optional("a"));
            r.number("a");
        })).isInstanceOf(InputException.class).hasMessage(file + ":3: a 'x' is not a number");
        assertThat(seen).containsExactly("1", "x");
    }

    @Test
    void forEach_missingFile_isNamed() {
        Path file = dir.resolve("nope.csv");

        assertThatThrownBy(() -> rows(file)).isInstanceOf(InputException.class).hasMessage(file + ": no such file");
    }
}
