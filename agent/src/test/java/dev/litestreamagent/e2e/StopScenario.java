package dev.litestreamagent.e2e;

import java.time.Duration;
import java.util.List;

/** One way an application is stopped: which application, started how, stopped by what. */
enum StopScenario {
    SPRING_SIGTERM(StopApp.SPRING_BOOT, Launch.SESSION, Stop.SIGTERM, false),
    HOOK_SIGTERM(StopApp.SHUTDOWN_WRITER, Launch.SESSION, Stop.SIGTERM, false),
    SPRING_PID1_SIGTERM(StopApp.SPRING_BOOT, Launch.PID_NAMESPACE, Stop.SIGTERM, false),
    HOOK_PID1_SIGTERM(StopApp.SHUTDOWN_WRITER, Launch.PID_NAMESPACE, Stop.SIGTERM, false),
    HOOK_CTRL_C(StopApp.SHUTDOWN_WRITER, Launch.TERMINAL, Stop.CTRL_C, false),
    HOOK_GROUP_SIGINT(StopApp.SHUTDOWN_WRITER, Launch.SESSION, Stop.GROUP_SIGINT, false),
    SPRING_GROUP_SIGTERM(StopApp.SPRING_BOOT, Launch.SESSION, Stop.GROUP_SIGTERM, false),
    /** The application's hook never returns: Litestream must be done within the stop timeout all the same. */
    HUNG_HOOK_SIGTERM(StopApp.SHUTDOWN_WRITER, Launch.SESSION, Stop.SIGTERM, true),
    HOOK_SIGKILL(StopApp.SHUTDOWN_WRITER, Launch.SESSION, Stop.SIGKILL, false);

    /** The stop timeout of the hung-hook scenario; the others keep the default. */
    static final Duration HUNG_STOP_TIMEOUT = Duration.ofSeconds(3);

    private final StopApp app;
    private final Launch launch;
    private final Stop stop;
    private final boolean hungHook;

    StopScenario(StopApp app, Launch launch, Stop stop, boolean hungHook) {
        this.app = app;
        this.launch = launch;
        this.stop = stop;
        this.hungHook = hungHook;
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

    List<String> jvmArgs() {
        return hungHook ? List.of("-Dlitestream.stop-timeout=" + HUNG_STOP_TIMEOUT.getSeconds() + "s") : List.of();
    }

    List<String> extraAppArgs() {
        return hungHook ? List.of("--hang-hook") : List.of();
    }
}
