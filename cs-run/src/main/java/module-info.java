/**
 * cskit run: the nightly job as one call ({@link org.cskit.run.NightlyRun}): a portfolio's signals
 * to features, vectors and plays, a slice at a time, with one play state for the whole portfolio.
 */
module org.cskit.run {
    requires transitive org.cskit.scoring;
    requires transitive org.cskit.playbooks;
    // The report's CPU time per stage (ThreadMXBean).
    requires java.management;

    exports org.cskit.run;
}
