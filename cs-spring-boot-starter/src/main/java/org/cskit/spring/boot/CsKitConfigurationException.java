package org.cskit.spring.boot;

/**
 * cskit's configuration could not be loaded at startup: the message names the property, the
 * file it points at and, for bad JSON, the JSON path and the rule broken, such as
 * {@code cskit.playbooks.locations[0] (class path resource [cskit/bad.json]): $[0].trigger.op: ...}.
 */
public class CsKitConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, with the property and file
     * @param cause the underlying problem
     */
    public CsKitConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param message what is wrong, with the property */
    public CsKitConfigurationException(String message) {
        super(message);
    }
}
