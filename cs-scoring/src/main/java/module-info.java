/** cskit scoring: see the package {@code org.cskit.scoring}. */
module org.cskit.scoring {
    requires transitive org.cskit.model;

    // No exports yet: org.cskit.scoring gains its API (and its exports) with its own issue.
}
