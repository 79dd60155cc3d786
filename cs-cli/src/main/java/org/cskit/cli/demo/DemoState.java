package org.cskit.cli.demo;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.cskit.playbooks.Playbook;

/**
 * Where {@code demo} keeps the plays' state (open plays, cooldowns, limits) between runs: an H2
 * database file chosen by {@code --state-db FILE}, or by default one per data source and playbook set
 * under {@code <home>/state/}, so that a second run on the same data picks up the first one's open
 * plays and cooldowns while runs on other data (whose account ids may be the same) do not see them.
 * {@code <home>} is the system property {@code cskit.home}, else the environment variable
 * {@code CSKIT_HOME}, else {@code ~/.cskit}.
 *
 * @param file the H2 file's path without its {@code .mv.db} suffix, or null for state in memory only
 * @param existed whether the file was there before this run (its state was read)
 * @param how how it was chosen, for the summary: {@code --state-db}, {@code default} or {@code --no-state}
 */
record DemoState(Path file, boolean existed, String how) {
    /** The system property naming cskit's home folder. */
    static final String HOME_PROPERTY = "cskit.home";
    /** The environment variable naming it when the property is not set. */
    static final String HOME_ENV = "CSKIT_HOME";
    /** The error for the flag's old name, {@code --state}. */
    static final String OLD_FLAG = "--state is now --state-db: demo keeps the play state in an H2 database (FILE.mv.db), given with "
            + "--state-db FILE (the columns command's snapshot file is --state-file FILE)";

    /**
     * Chooses the state of a run.
     *
     * @param given {@code --state-db FILE}, or null
     * @param none {@code --no-state}
     * @param options the options that choose the data
     * @param playbooks the playbook set the run evaluates
     * @return the state
     * @throws org.cskit.cli.input.InputException if both --state-db and --no-state are given
     */
    static DemoState choose(Path given, boolean none, PortfolioOptions options, List<Playbook> playbooks) {
        if (given != null && none) {
            throw new org.cskit.cli.input.InputException("--state-db " + given + " and --no-state cannot be used together: give one of them");
        }
        if (none) {
            return new DemoState(null, false, "--no-state");
        }
        Path file = given != null ? given.toAbsolutePath().normalize() : home().resolve("state").resolve(key(options, playbooks));
        return new DemoState(file, Files.exists(dbFile(file)), given != null ? "--state-db" : "default");
    }

    /** cskit's home folder: {@code cskit.home}, else {@code $CSKIT_HOME}, else {@code ~/.cskit}. */
    static Path home() {
        String property = System.getProperty(HOME_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        String env = System.getenv(HOME_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        return Path.of(System.getProperty("user.home"), ".cskit").toAbsolutePath().normalize();
    }

    /**
     * The default file's name: the data source ({@code ravenstack}; {@code data-<folder>-<hash of its
     * absolute path>}; {@code generated-<N>-seed-<S>}), the features file if one is given (its path's
     * hash), and a hash of the playbook set (ids and definitions).
     */
    static String key(PortfolioOptions options, List<Playbook> playbooks) {
        StringBuilder key = new StringBuilder();
        if (options.generated != null) {
            key.append("generated-").append(options.generated).append("-seed-")
                    .append(options.seed == null ? GeneratedSource.DEFAULT_SEED : options.seed);
        } else if (options.data != null) {
            Path folder = options.data.toAbsolutePath().normalize();
            String name = folder.getFileName() == null ? "root" : folder.getFileName().toString();
            key.append("data-").append(name.replaceAll("[^A-Za-z0-9._-]", "_")).append('-').append(hash(folder.toString()));
        } else {
            key.append("ravenstack");
        }
        if (options.features != null) {
            key.append("-features-").append(hash(options.features.toAbsolutePath().normalize().toString()));
        }
        StringBuilder set = new StringBuilder();
        for (Playbook p : playbooks) {
            set.append(p).append('\n');
        }
        return key.append("-playbooks-").append(hash(set.toString())).toString().toLowerCase(Locale.ROOT);
    }

    /** The file H2 keeps the database in. */
    static Path dbFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".mv.db");
    }

    /** The summary's line: which state the run read and wrote. */
    String line(int open, int coolingDown) {
        if (file == null) {
            return "state: in memory for this run only (--no-state)";
        }
        return String.format(Locale.ROOT, "state (%s): read %s %s, written back: %d plays already open, %d cooling down, not made again",
                how, existed ? "from" : "none, new file", dbFile(file), open, coolingDown);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
