package org.cskit.cli.calibrate;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ravenstack-accounts}: writes RavenStack's account-level aggregates as a CSV for {@code calibrate}. */
@Command(name = "ravenstack-accounts", mixinStandardHelpOptions = true,
        description = "Derive one row per RavenStack account (usage, ticket and subscription aggregates, churn_flag) as a CSV.")
public final class DeriveRavenStack implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "DIR", description = "the folder with the ravenstack_*.csv files")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "the CSV to write")
    Path out;

    @Override
    public Integer call() {
        int n = RavenStackAccounts.write(data, out);
        spec.commandLine().getOut().printf("wrote %s: %d accounts%n", out, n);
        return 0;
    }
}
