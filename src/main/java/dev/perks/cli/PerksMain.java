package dev.perks.cli;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The one entry point of the artifact. {@code java -jar quarkus-run.jar} runs the service;
 * {@code … migrate} and {@code … check} run a command and exit, without booting the service at
 * all: no HTTP stack, no listening socket, no background probes, well under a second of start-up.
 */
@QuarkusMain
public class PerksMain {

    public static void main(String... args) {
        if (args.length > 0 && Command.named(args[0]).isPresent()) {
            System.exit(Command.named(args[0]).get().run(CommandConfig.load(), System.out));
        }
        Quarkus.run(args);
    }
}
