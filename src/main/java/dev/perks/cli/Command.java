package dev.perks.cli;

import java.io.PrintStream;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/** A command of the artifact: prints its own lines and returns the process's exit code. */
interface Command {

    int run(Config config, PrintStream out);

    static Optional<Command> named(String name) {
        return switch (name) {
            case "migrate" -> Optional.of(new MigrateCommand());
            case "check" -> Optional.of(new CheckCommand());
            default -> Optional.empty();
        };
    }
}
