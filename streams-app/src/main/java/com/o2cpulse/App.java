package com.o2cpulse;

import com.o2cpulse.bench.BenchCommand;
import com.o2cpulse.ops.ApplicationVersion;
import com.o2cpulse.replay.ReplayCommand;
import com.o2cpulse.run.RunCommand;
import com.o2cpulse.serde.AvroClassTrust;
import com.o2cpulse.sim.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: wires settings, topology and services; holds no logic of its own. */
@Command(name = "o2c-pulse", mixinStandardHelpOptions = true, versionProvider = App.Version.class,
        description = "Order-to-cash stream processor: live fill rate, backlog, invoice latency and reconciliation KPIs.",
        subcommands = {RunCommand.class, ReplayCommand.class, SimulateCommand.class, BenchCommand.class})
public final class App implements Runnable {

    public static void main(String[] args) {
        AvroClassTrust.trustProjectClasses();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new App());
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"o2c-pulse " + ApplicationVersion.current()};
        }
    }
}
