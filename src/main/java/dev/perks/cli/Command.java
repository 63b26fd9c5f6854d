package dev.perks.cli;

import java.io.PrintStream;
import java.util.Optional;

/** A command of the artifact: reads the configuration itself, prints its own lines and returns the process's exit code. */
interface Command {

    int run(PrintStream out);

    static Optional<Command> named(String name) {
        return switch (name) {
            case "migrate" -> Optional.of(new MigrateCommand());
            case "check" -> Optional.of(new CheckCommand());
            default -> Optional.empty();
        };
    }
}
