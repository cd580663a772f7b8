package dev.litestreamagent.e2e;

/** What stops the application: who sends which signal to whom. */
enum Stop {
    /** {@code kill PID}: an operator, Kubernetes, a container engine. */
    SIGTERM {
        @Override
        void send(RunningJvm jvm) throws Exception {
            jvm.signal("TERM");
        }
    },
    /** Ctrl-C typed in the JVM's terminal: SIGINT to the terminal's foreground process group. */
    CTRL_C {
        @Override
        void send(RunningJvm jvm) throws Exception {
            jvm.ctrlC();
        }
    },
    /** {@code kill -INT -PGID}: a shell or process manager interrupting the whole group. */
    GROUP_SIGINT {
        @Override
        void send(RunningJvm jvm) throws Exception {
            jvm.signalGroup("INT");
        }
    },
    /** {@code kill -TERM -PGID}: systemd's default KillMode=control-group, process managers. */
    GROUP_SIGTERM {
        @Override
        void send(RunningJvm jvm) throws Exception {
            jvm.signalGroup("TERM");
        }
    },
    /** {@code kill -9 PID}: the OOM killer, a node failure; no shutdown hook runs. */
    SIGKILL {
        @Override
        void send(RunningJvm jvm) throws Exception {
            jvm.signal("KILL");
        }
    };

    abstract void send(RunningJvm jvm) throws Exception;
}
