package dev.litestreamagent.agent.attach;

import dev.litestreamagent.fs.CurrentUser;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.Optional;
import net.bytebuddy.agent.ByteBuddyAgent;

/** What attaching needs from this machine; an interface so each refusal is testable without one. */
interface AttachHost {
    /** The attach API lives in the {@code jdk.attach} module, missing from JREs and most jlink images. */
    boolean hasJdkAttach();

    Optional<ProcessHandle> process(long pid);

    /** The OS user running this JVM, when the OS tells. */
    Optional<String> currentUser();

    /** The uid running {@code pid}, or -1 when unknown. */
    long uidOf(long pid);

    /** The uid running this JVM, or -1 when unknown. */
    long currentUid();

    /** Whether {@code pid} is proven to be a JVM (only a JVM survives the SIGQUIT of an attach). */
    boolean isJvm(long pid);

    /** The jar this code runs from: the agent jar to load into the target. */
    Path agentJar();

    /** Loads {@code agentJar} into {@code pid}; returns once its {@code agentmain} has returned. */
    void load(Path agentJar, long pid, String argument);

    AttachHost SYSTEM = new AttachHost() {
        @Override
        public boolean hasJdkAttach() {
            return ModuleLayer.boot().findModule("jdk.attach").isPresent();
        }

        @Override
        public Optional<ProcessHandle> process(long pid) {
            return ProcessHandle.of(pid);
        }

        @Override
        public Optional<String> currentUser() {
            return ProcessHandle.current().info().user();
        }

        @Override
        public long uidOf(long pid) {
            return TargetProcess.uid(pid);
        }

        @Override
        public long currentUid() {
            return CurrentUser.uid();
        }

        @Override
        public boolean isJvm(long pid) {
            return TargetProcess.isJvm(pid);
        }

        @Override
        public Path agentJar() {
            CodeSource source = AttachHost.class.getProtectionDomain().getCodeSource();
            Path jar;
            try {
                jar = source == null ? null : Paths.get(source.getLocation().toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate the agent jar from " + source.getLocation(), e);
            }
            if (jar == null || !Files.isRegularFile(jar)) {
                throw new IllegalStateException("attach must run from the agent jar (java -jar litestream-agent.jar attach ...),"
                        + " not from " + jar);
            }
            return jar;
        }

        @Override
        public void load(Path agentJar, long pid, String argument) {
            File jar = agentJar.toFile();
            ByteBuddyAgent.attach(jar, Long.toString(pid), argument);
        }
    };
}
