/**
 * cskit scoring: turns an account's features, plan progress and history into a
 * {@link org.cskit.model.SuccessVector} that explains itself.
 */
module org.cskit.scoring {
    requires transitive org.cskit.model;
    requires static org.immutables.value.annotations;
    requires static java.compiler;

    // Each API package is exported (and opened to Jackson for its JSON definitions) once it has types.
}
