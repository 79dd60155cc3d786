package org.cskit.model.json;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
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
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reports an unknown property of a record instead of the failure it caused. Jackson builds a record
 * through its constructor and looks at unknown properties only afterwards, so a typo in a required
 * property ({@code seatUtilization} for {@code seatUtilisation}) surfaced as the constructor's
 * complaint that the property was missing; when building fails and the object named a property
 * the record does not have, that property is reported (the original failure is suppressed on it). Records only: types built through a builder report
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
        if (!p.hasToken(JsonToken.START_OBJECT) && !p.hasToken(JsonToken.FIELD_NAME)) {
            return super.deserialize(p, ctxt);
        }
        // Read from the parser itself (so every problem keeps its line and column), noting the
        // object's property names as they pass; if building fails, an unknown name is the likelier cause.
        Watch watch = new Watch(p);
        try {
            return super.deserialize(watch, ctxt);
        } catch (IOException | RuntimeException e) {
            for (String name : watch.names) {
                if (!known.contains(name)) {
                    UnrecognizedPropertyException unknown = UnrecognizedPropertyException.from(p, handledType(), name,
                            new ArrayList<>(known));
                    unknown.addSuppressed(e);
                    throw unknown;
                }
            }
            throw e;
        }
    }

    /** Passes every call to the parser, noting the property names of the object it starts in. */
    private static final class Watch extends JsonParserDelegate {
        private final JsonStreamContext object;
        private final List<String> names = new ArrayList<>();

        Watch(JsonParser p) throws IOException {
            super(p);
            object = p.getParsingContext();
            if (p.hasToken(JsonToken.FIELD_NAME)) {
                names.add(p.currentName());
            }
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = delegate.nextToken();
            note(t);
            return t;
        }

        @Override
        public String nextFieldName() throws IOException {
            String name = delegate.nextFieldName();
            note(delegate.currentToken());
            return name;
        }

        @Override
        public boolean nextFieldName(SerializableString name) throws IOException {
            boolean matches = delegate.nextFieldName(name);
            note(delegate.currentToken());
            return matches;
        }

        private void note(JsonToken t) throws IOException {
            if (t == JsonToken.FIELD_NAME && delegate.getParsingContext() == object) {
                names.add(delegate.currentName());
            }
        }
    }
}
