package dev.litestreamagent.agent.attach;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code attach <pid> [config.properties] [key=value ...]}: loads the agent into a running JVM of
 * the same OS user (its {@code agentmain} runs there), for adopting an application without a
 * restart. The configuration travels as an owner-only temporary file named in the agent argument
 * ({@code config=FILE}), deleted once {@code agentmain} has returned: the agent must read it
 * before returning. Exit codes: 0 attached, 1 failed, 2 usage error.
 */
public final class Attacher {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private final AttachHost host;
    private final PrintStream out;
    private final PrintStream err;

    Attacher(AttachHost host, PrintStream out, PrintStream err) {
        this.host = host;
        this.out = out;
        this.err = err;
    }

    /** Runs the command, printing to the caller's streams, and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return new Attacher(AttachHost.SYSTEM, out, err).attach(args);
    }

    int attach(String[] args) {
        AttachArguments arguments;
        try {
            arguments = AttachArguments.parse(args);
        } catch (IllegalArgumentException | IOException e) {
            err.println("litestream-agent attach: " + e.getMessage());
            err.println(AttachArguments.USAGE);
            return USAGE;
        }
        Optional<String> refusal = refusal(arguments.pid());
        if (refusal.isPresent()) {
            err.println("litestream-agent attach: " + refusal.get());
            return FAILED;
        }
        try {
            load(arguments.pid(), arguments.config());
        } catch (IOException | RuntimeException e) {
            err.println("litestream-agent attach: could not attach to process " + arguments.pid()
                    + " (it must be a HotSpot or OpenJ9 JVM, version 11 or later, run by the same user): " + causes(e));
            return FAILED;
        }
        out.println("litestream-agent attached to process " + arguments.pid()
                + "; its log lines (prefixed [litestream-agent]) go to that process's stderr");
        return OK;
    }

    /** Why attaching cannot work, found before trying, so the user gets the reason instead of a stack trace. */
    private Optional<String> refusal(long pid) {
        if (!host.hasJdkAttach()) {
            return Optional.of("this Java runtime lacks the jdk.attach module: run attach with a full JDK"
                    + " (java from a JDK, not a JRE/jlink image)");
        }
        Optional<ProcessHandle> target = host.process(pid);
        if (!target.isPresent() || !target.get().isAlive()) {
            return Optional.of("no process with pid " + pid + " (see jps or jcmd -l for running JVMs)");
        }
        Optional<String> owner = target.get().info().user();
        Optional<String> me = host.currentUser();
        if (owner.isPresent() && me.isPresent() && !owner.get().equals(me.get())) {
            return Optional.of("process " + pid + " runs as user '" + owner.get() + "', this command as '" + me.get()
                    + "': a JVM accepts agents only from its own user, so run attach as '" + owner.get()
                    + "' (for example sudo -u " + owner.get() + " java -jar litestream-agent.jar attach " + pid + " ...)");
        }
        // By uid too: a uid without a passwd entry (docker run --user 1234) has no name to compare.
        long ownerUid = host.uidOf(pid);
        long myUid = host.currentUid();
        if (ownerUid >= 0 && myUid >= 0 && ownerUid != myUid) {
            return Optional.of("process " + pid + " runs as uid " + ownerUid + ", this command as uid " + myUid
                    + ": a JVM accepts agents only from its own user, so run attach as uid " + ownerUid
                    + " (for example setpriv --reuid=" + ownerUid + " --regid=" + ownerUid
                    + " --clear-groups java -jar litestream-agent.jar attach " + pid + " ...)");
        }
        if (!host.isJvm(pid)) {
            return Optional.of("process " + pid + " is not a JVM (no libjvm mapped in /proc/" + pid + "/maps): attaching "
                    + "sends it SIGQUIT, which ends most other programs (see jps or jcmd -l for running JVMs)");
        }
        return Optional.empty();
    }

    private void load(long pid, Properties config) throws IOException {
        Path jar = host.agentJar();
        if (config.isEmpty()) {
            // The agent then reads its configuration as under -javaagent: the target's
            // ./litestream.properties, its -Dlitestream.* properties and environment.
            host.load(jar, pid, null);
            return;
        }
        try (AgentConfigFile file = AgentConfigFile.write(config)) {
            host.load(jar, pid, file.agentArgument());
        }
    }

    private static String causes(Throwable e) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && message.indexOf(t.getMessage()) < 0) {
                message.append(message.length() == 0 ? "" : ": ").append(t.getMessage());
            }
        }
        return message.length() == 0 ? e.getClass().getName() : message.toString();
    }
}
