package dev.litestreamagent.e2e;

/** What stops the application: who sends which signal to whom. */
enum Stop {
    /** {@code kill PID}: an operator, Kubernetes, a container engine. */
    SIGTERM(jvm -> jvm.signal("TERM")),
    /** Ctrl-C typed in the JVM's terminal: SIGINT to the terminal's foreground process group. */
    CTRL_C(RunningJvm::ctrlC),
    /** {@code kill -INT -PGID}: a shell or process manager interrupting the whole group. */
    GROUP_SIGINT(jvm -> jvm.signalGroup("INT")),
    /** {@code kill -TERM -PGID}: systemd's default KillMode=control-group, process managers. */
    GROUP_SIGTERM(jvm -> jvm.signalGroup("TERM")),
    /** The application calls {@code System.exit(0)} itself (a command, a fatal error, a batch's end). */
    EXIT(RunningJvm::requestExit),
    /** {@code kill -9 PID}: the OOM killer, a node failure; no shutdown hook runs. */
    SIGKILL(jvm -> jvm.signal("KILL"));

    private interface Sender {
        void send(RunningJvm jvm) throws Exception;
    }

    private final Sender sender;

    Stop(Sender sender) {
        this.sender = sender;
    }

    void send(RunningJvm jvm) throws Exception {
        sender.send(jvm);
    }
}
