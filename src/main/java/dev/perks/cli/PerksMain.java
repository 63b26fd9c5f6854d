package dev.perks.cli;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.List;
import java.util.Optional;

/**
 * The one entry point of the artifact. {@code java -jar quarkus-run.jar} runs the service;
 * {@code … migrate} and {@code … check} run a command and exit, without booting the service at
 * all: no HTTP stack, no listening socket, no background probes, well under a second of start-up.
 *
 * <p>Before the service boots, its configuration is checked ({@link ConfigurationCheck}, the same
 * code as {@code check}'s first line): configuration errors are the one thing that should crash,
 * and they do it here, in a fraction of a second, with one line naming every problem, before any
 * port is opened. Only {@code quarkus:dev} and the test suite, which have local fallbacks, skip it.
 */
@QuarkusMain
public class PerksMain {

    private static final int CONFIGURATION_ERROR = 1;

    /** Quarkus' own check of the request target, replaced by StrictPaths' (the pom sets it for tests too). */
    private static final String URI_VALIDATION_OFF = "vertx.disableURIValidation";

    public static void main(String... args) {
        // Quarkus' root handler answers a request target java.net.URI refuses (/api/perks/%zz) with an
        // empty 400 before any route runs; off, the same check answers problem+json (StrictPaths).
        // Read when Quarkus' HTTP recorder initialises, so it is set before anything boots.
        System.setProperty(URI_VALIDATION_OFF, "true");
        Optional<Command> command = args.length > 0 ? Command.named(args[0]) : Optional.empty();
        if (command.isPresent()) {
            System.exit(command.get().run(System.out));
        }
        if (LaunchMode.current() == LaunchMode.NORMAL) {
            List<String> problems = ConfigurationCheck.run(true).problems();
            if (!problems.isEmpty()) {
                System.err.println(ConfigurationCheck.REFUSAL + String.join("; ", problems));
                System.exit(CONFIGURATION_ERROR);
            }
        }
        Quarkus.run(args);
    }
}
