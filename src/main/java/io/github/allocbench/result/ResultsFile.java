package io.github.allocbench.result;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes {@code results.json}, the plugin's machine interface and the shape of its baseline files. Written
 * pretty-printed (people diff and read it) with every field present, {@code null} included, so a reader can tell
 * "no exit code" from "an older plugin that did not know about exit codes". Read leniently about fields it does not
 * know, because the format only grows by added fields and a baseline may come from a newer plugin.
 */
public final class ResultsFile {

    /** The file's name in the output directory. */
    public static final String NAME = "results.json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    private ResultsFile() {
    }

    /** Writes {@code result} to {@code file}, replacing it atomically; creates missing parent directories. */
    public static void write(BenchResult result, Path file) throws IOException {
        AtomicFile.write(file, out -> {
            JSON.writeValue(out, result);
            out.write('\n');
        });
    }

    /**
     * The result stored in {@code file}.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws IOException naming the file and what is wrong with it when it is not a results file this plugin can read
     */
    public static BenchResult read(Path file) throws IOException {
        BenchResult result;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            result = JSON.readValue(in, BenchResult.class);
        } catch (JsonProcessingException e) {
            throw unreadable(file, e.getOriginalMessage() + locationOf(e));
        }
        if (result == null) {
            throw unreadable(file, "it holds JSON null instead of a results object");
        }
        if (result.schemaVersion() > BenchResult.SCHEMA_VERSION) {
            throw unreadable(file, "it has schema version " + result.schemaVersion() + " but this plugin reads up to "
                    + BenchResult.SCHEMA_VERSION + "; use the plugin version that wrote it ("
                    + (result.plugin() == null ? "unknown" : result.plugin().version()) + ") or newer");
        }
        return result;
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static IOException unreadable(Path file, String why) {
        return new IOException("Cannot read bench results from " + file.toAbsolutePath() + ": " + why
                + ". Re-run the bench to write it again, or point to another results file.");
    }
}
