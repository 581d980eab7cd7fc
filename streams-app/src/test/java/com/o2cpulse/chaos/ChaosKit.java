package com.o2cpulse.chaos;

import com.o2cpulse.serde.AvroClassTrust;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The chaos kit: the drivers and verifier of deploy/local's chaos runs and the schema registry of its local cluster,
 * test tooling kept out of the product. Maven packages it as {@code streams-app/target/o2c-pulse-chaos-kit.jar}
 * beside {@code o2c-pulse.jar}, whose classes it runs on (its manifest's class path names that jar).
 */
@Command(name = "o2c-pulse-chaos-kit", mixinStandardHelpOptions = true,
        description = "Test tooling of deploy/local: the chaos run's drivers and verifier, and a schema registry for the local cluster.",
        subcommands = {ChaosCommand.class, RegistryCommand.class})
public final class ChaosKit implements Runnable {

    public static void main(String[] args) {
        AvroClassTrust.trustProjectClasses();
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new ChaosKit());
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
