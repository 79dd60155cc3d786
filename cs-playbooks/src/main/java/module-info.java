/** cskit playbooks: see the package {@code org.cskit.playbooks}. */
module org.cskit.playbooks {
    requires transitive org.cskit.model;

    // No exports yet: org.cskit.playbooks gains its API (and its exports) with its own issue.
}
