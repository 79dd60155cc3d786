/** cskit testkit: see the package {@code org.cskit.testkit}. */
module org.cskit.testkit {
    requires transitive org.cskit.model;
    requires transitive org.cskit.scoring;
    requires transitive org.cskit.playbooks;

    // No exports yet: org.cskit.testkit gains its API (and its exports) with its own issue.
}
