/**
 * cskit model: the customer-success domain as immutable values, with validation and JSON.
 *
 * <p>Exports the API ({@code org.cskit.model}, {@code org.cskit.model.columns}, {@code org.cskit.model.event},
 * {@code org.cskit.model.json}); {@code org.cskit.model.internal} stays hidden. Jackson is part of
 * the API (a host may pass its own {@code ObjectMapper}), so it is required transitively.
 */
module org.cskit.model {
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires static org.immutables.value.annotations;

    exports org.cskit.model;
    exports org.cskit.model.columns;
    exports org.cskit.model.event;
    exports org.cskit.model.json;

    opens org.cskit.model to com.fasterxml.jackson.databind;
    opens org.cskit.model.event to com.fasterxml.jackson.databind;
}
