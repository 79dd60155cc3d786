package org.cskit.model.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reports an unknown property of a record before the record is built. Jackson builds a record
 * through its constructor and looks at unknown properties only afterwards, so a typo in a required
 * property ({@code seatUtilization} for {@code seatUtilisation}) surfaced as the constructor's
 * complaint that the property was missing. Records only: types built through a builder report
 * unknown properties where they stand.
 */
final class KnownPropertiesFirst extends DelegatingDeserializer {
    private static final long serialVersionUID = 1L;

    private final Set<String> known;

    private KnownPropertiesFirst(JsonDeserializer<?> delegate, Set<String> known) {
        super(delegate);
        this.known = known;
    }

    static SimpleModule module() {
        SimpleModule module = new SimpleModule("cskit-known-properties-first");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            private static final long serialVersionUID = 1L;

            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                if (!description.getType().isRecordType() || !config.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)) {
                    return deserializer;
                }
                JsonIgnoreProperties.Value ignorals = config.getDefaultPropertyIgnorals(description.getBeanClass(),
                        description.getClassInfo());
                if (ignorals != null && ignorals.getIgnoreUnknown() || description.findAnySetterAccessor() != null) {
                    return deserializer;
                }
                Set<String> names = new LinkedHashSet<>();
                for (BeanPropertyDefinition p : description.findProperties()) {
                    names.add(p.getName());
                }
                if (ignorals != null) {
                    names.addAll(ignorals.getIgnored());
                }
                return new KnownPropertiesFirst(deserializer, names);
            }
        });
        return module;
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
        return new KnownPropertiesFirst(delegate, known);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.hasToken(JsonToken.START_OBJECT)) {
            return super.deserialize(p, ctxt);
        }
        TokenBuffer buffer = ctxt.bufferAsCopyOfValue(p);
        try (JsonParser scan = buffer.asParser(p.getCodec())) {
            scan.nextToken();
            for (JsonToken t = scan.nextToken(); t == JsonToken.FIELD_NAME; t = scan.nextToken()) {
                String name = scan.currentName();
                if (!known.contains(name)) {
                    Collection<Object> ids = new ArrayList<>(known);
                    throw UnrecognizedPropertyException.from(p, handledType(), name, ids);
                }
                scan.nextToken();
                scan.skipChildren();
            }
        }
        JsonParser replay = buffer.asParserOnFirstToken();
        return super.deserialize(replay, ctxt);
    }
}
