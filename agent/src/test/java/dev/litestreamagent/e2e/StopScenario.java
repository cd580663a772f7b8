package dev.litestreamagent.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One way an application is stopped: which application, started how, stopped by what. */
enum StopScenario {
    SPRING_SIGTERM(StopApp.SPRING_BOOT, Launch.SESSION, Stop.SIGTERM, false, false),
    HOOK_SIGTERM(StopApp.SHUTDOWN_WRITER, Launch.SESSION, Stop.SIGTERM, false, false),
    /**
     * A daemon thread that no hook stops commits as fast as it can after every hook has returned:
     * no commit may return after Litestream's final sync (the agent holds the write lock until the halt).
     */
    DAEMON_WRITER_SIGTERM(StopApp.SHUTDOWN_WRITER, Launch.SESSION, Stop.SIGTERM, false, false, true),
    /** The same, the application calling {@code System.exit(0)} itself. */
    DAEMON_WRITER_EXIT(StopApp.SHUTDOWN_WRITER, Launch.SESSION, Stop.EXIT, false, false, true),
    SPRING_PID1_SIGTERM(StopApp.SPRING_BOOT, Launch.PID_NAMESPACE, Stop.SIGTERM, false, false),
    HOOK_PID1_SIGTERM(StopApp.SHUTDOWN_WRITER, Launch.PID_NAMESPACE, Stop.SIGTERM, false, false),
    HOOK_CTRL_C(StopApp.SHUTDOWN_WRITER, Launch.TERMINAL, Stop.CTRL_C, false, false),
    HOOK_GROUP_SIGINT(StopApp.SHUTDOWN_WRITER, Launch.SESSION, Stop.GROUP_SIGINT, false, false),
    SPRING_GROUP_SIGTERM(StopApp.SPRING_BOOT, Launch.SESSION, Stop.GROUP_SIGTERM, false, false),
    /** The application's hook never returns: Litestream must be done within the stop timeout all the same. */
    HUNG_HOOK_SIGTERM(StopApp.SHUTDOWN_WRITER, Launch.SESSION, Stop.SIGTERM, true, false),
    HOOK_SIGKILL(StopApp.SHUTDOWN_WRITER, Launch.SESSION, Stop.SIGKILL, false, false),
    /**
     * SIGKILL within Litestream's first second, before its first sync (1 s monitor interval): it
     * syncs at exit only the databases it has opened, so it must outlive the JVM until it has.
     */
    HOOK_EARLY_SIGKILL(StopApp.SHUTDOWN_WRITER, Launch.SESSION, Stop.SIGKILL, false, true);

    /** The stop timeout of the hung-hook scenario; the others keep the default. */
    static final Duration HUNG_STOP_TIMEOUT = Duration.ofSeconds(3);

    private final StopApp app;
    private final Launch launch;
    private final Stop stop;
    private final boolean hungHook;
    private final boolean inFirstSecond;
    private final boolean daemonWriter;

    StopScenario(StopApp app, Launch launch, Stop stop, boolean hungHook, boolean inFirstSecond) {
        this(app, launch, stop, hungHook, inFirstSecond, false);
    }

    StopScenario(StopApp app, Launch launch, Stop stop, boolean hungHook, boolean inFirstSecond, boolean daemonWriter) {
        this.app = app;
        this.launch = launch;
        this.stop = stop;
        this.hungHook = hungHook;
        this.inFirstSecond = inFirstSecond;
        this.daemonWriter = daemonWriter;
    }

    StopApp app() {
        return app;
    }

    Launch launch() {
        return launch;
    }

    Stop stop() {
        return stop;
    }

    /** Whether the application's shutdown hook hangs, so that the JVM never exits by itself. */
    boolean hungHook() {
        return hungHook;
    }

    /** Whether the stop comes within Litestream's first second instead of once it has replicated a while. */
    boolean inFirstSecond() {
        return inFirstSecond;
    }

    List<String> jvmArgs() {
        return hungHook ? List.of("-Dlitestream.stop-timeout=" + HUNG_STOP_TIMEOUT.getSeconds() + "s") : List.of();
    }

    /** @param exitTrigger the file that makes the application call {@code System.exit} ({@link Stop#EXIT}) */
    List<String> extraAppArgs(Path exitTrigger) {
        List<String> args = new ArrayList<>();
        if (hungHook) {
            args.add("--hang-hook");
        }
        if (daemonWriter) {
            args.addAll(List.of("--daemon-writers", "1"));
        }
        if (stop == Stop.EXIT) {
            args.addAll(List.of("--exit-when", exitTrigger.toString()));
        }
        return args;
    }
}
