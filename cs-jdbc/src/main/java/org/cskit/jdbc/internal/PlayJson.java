package org.cskit.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.cskit.model.json.CsJson;
import org.cskit.playbooks.Play;

/**
 * A play as the JSON the outbox keeps: Jackson's form of the {@link Play} record, written on one
 * line (rows written indented by earlier versions read the same).
 */
public final class PlayJson {
    private static final ObjectMapper MAPPER = CsJson.create().mapper();
    private static final ObjectWriter WRITER = MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private PlayJson() {}

    /**
     * Writes a play.
     *
     * @param play the play
     * @return its JSON
     * @throws IllegalStateException if Jackson cannot write it
     */
    public static String write(Play play) {
        try {
            return WRITER.writeValueAsString(play);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("play '" + play.key() + "' cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a play.
     *
     * @param json the JSON
     * @return the play
     * @throws IllegalStateException if the JSON is not a play
     */
    public static Play read(String json) {
        try {
            return MAPPER.readValue(json, Play.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored play cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
