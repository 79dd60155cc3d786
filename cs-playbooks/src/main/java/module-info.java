/**
 * cskit playbooks: repeatable responses to repeatable situations, written in Java or JSON.
 */
module org.cskit.playbooks {
    requires transitive org.cskit.model;
    requires org.slf4j;
    requires static org.immutables.value.annotations;

    exports org.cskit.playbooks;
    exports org.cskit.playbooks.engine;
    exports org.cskit.playbooks.spi;

    opens org.cskit.playbooks to com.fasterxml.jackson.databind;
}
