package dev.litestreamagent.agent.attach;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import dev.litestreamagent.fs.OtherUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The refusals and the config hand-over; the real attach is proven by AttachIT. */
class AttacherTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final FakeHost host = new FakeHost();

    @TempDir
    Path tempDir;

    @Test
    void aPidThatIsNoNumberIsAUsageError() {
        assertEquals(Attacher.USAGE, attach("my-app"));
        assertTrue(err().contains("pid: expected the numeric process id of a running JVM, got 'my-app'"), err());
        assertTrue(err().contains("usage: attach <pid>"), err());
        assertNull(host.loadedArgument);
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertEquals(Attacher.USAGE, attach());
        assertTrue(err().contains("the pid of the JVM to attach to is missing"), err());
    }

    @Test
    void aConfigFileThatDoesNotExistIsAUsageError() {
        assertEquals(Attacher.USAGE, attach(myPid(), "missing.properties"));
        assertTrue(err().contains("'missing.properties': expected a properties file"), err());
    }

    @Test
    void aProcessThatDoesNotExistIsNamed() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String pid = Long.toString(gone.pid());
        // The real system, as the command runs it.
        assertEquals(Attacher.FAILED, new Attacher(AttachHost.SYSTEM, stream(out), stream(err)).attach(new String[] {pid}));
        assertTrue(err().contains("no process with pid " + pid), err());
    }

    @Test
    void aRuntimeWithoutJdkAttachIsNamed() {
        host.jdkAttach = false;
        assertEquals(Attacher.FAILED, attach(myPid()));
        assertTrue(err().contains("this Java runtime lacks the jdk.attach module: run attach with a full JDK"
                + " (java from a JDK, not a JRE/jlink image)"), err());
        assertNull(host.loadedArgument);
    }

    @Test
    void aProcessOfAnotherUserIsRefusedWithTheWayOut() {
        String owner = ProcessHandle.current().info().user().orElseThrow();
        host.user = "someone-else";
        assertEquals(Attacher.FAILED, attach(myPid()));
        assertTrue(err().contains("runs as user '" + owner + "', this command as 'someone-else'"), err());
        assertTrue(err().contains("sudo -u " + owner), err());
        assertNull(host.loadedArgument);
    }

    /** Issue 17 (4): attach's SIGQUIT killed a Python process and a running Litestream (no final sync). */
    @Test
    void aProcessThatIsNoJvmIsRefusedAndLeftRunning() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            String pid = Long.toString(sleeper.pid());
            assertEquals(Attacher.FAILED, new Attacher(AttachHost.SYSTEM, stream(out), stream(err)).attach(new String[] {pid}));
            assertTrue(err().contains("process " + pid + " is not a JVM"), err());
            Thread.sleep(200);
            assertTrue(sleeper.isAlive(), "the target was signalled");
        } finally {
            sleeper.destroy();
        }
    }

    /** Issue 17 (4): the owner check was skipped when the target's uid has no user name. */
    @Test
    void aProcessOfAUidWithoutANameIsRefused() throws Exception {
        OtherUser.assumeRootWithSetpriv();
        Process other = OtherUser.MALLORY.start("sleep", "30");
        try {
            long pid = other.pid(); // setpriv execs the command: same pid, the new uid
            await().until(() -> AttachHost.SYSTEM.uidOf(pid) == OtherUser.MALLORY.uid());
            assertEquals(Attacher.FAILED, new Attacher(AttachHost.SYSTEM, stream(out), stream(err))
                    .attach(new String[] {Long.toString(pid)}));
            assertTrue(err().contains("runs as uid " + OtherUser.MALLORY.uid() + ", this command as uid 0"), err());
            assertTrue(other.isAlive(), "the target was signalled");
        } finally {
            other.destroy();
        }
    }

    @Test
    void configTravelsAsAnOwnerOnlyFileThatIsGoneAfterwards() throws Exception {
        Path file = tempDir.resolve("litestream.properties");
        Files.write(file, List.of("litestream.dbs.app.url=jdbc:sqlite:/srv/app.db", "litestream.dbs.app.replica.type=s3"));

        assertEquals(Attacher.OK, attach(myPid(), file.toString(), "litestream.dbs.app.replica.type=file",
                "litestream.dbs.app.replica.secret-access-key=s3cr3t"), err());

        assertTrue(host.loadedArgument.startsWith("config="), host.loadedArgument);
        assertFalse(host.loadedArgument.contains("s3cr3t"), "a secret on the command line");
        assertEquals("rw-------", host.permissions);
        assertEquals("jdbc:sqlite:/srv/app.db", host.config.getProperty("litestream.dbs.app.url"));
        assertEquals("file", host.config.getProperty("litestream.dbs.app.replica.type"), "key=value overrides the file");
        assertEquals("s3cr3t", host.config.getProperty("litestream.dbs.app.replica.secret-access-key"));
        assertFalse(Files.exists(Paths.get(host.loadedArgument.substring("config=".length()))), "the config file stayed behind");
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("s3cr3t"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("attached to process " + myPid()));
    }

    @Test
    void withoutConfigTheAgentReadsItsOwnDefaults() {
        assertEquals(Attacher.OK, attach(myPid()), err());
        assertTrue(host.loaded);
        assertNull(host.loadedArgument);
    }

    @Test
    void aFailedAttachIsExplained() {
        host.failure = new IllegalStateException("Error during attachment", new java.io.IOException("Connection refused"));
        assertEquals(Attacher.FAILED, attach(myPid()));
        assertTrue(err().contains("could not attach to process " + myPid()), err());
        assertTrue(err().contains("Error during attachment: Connection refused"), err());
    }

    private int attach(String... args) {
        return new Attacher(host, stream(out), stream(err)).attach(args);
    }

    private static String myPid() {
        return Long.toString(ProcessHandle.current().pid());
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static PrintStream stream(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    /** The real process table; the runtime facts and the attach itself are the test's. */
    private static final class FakeHost implements AttachHost {
        boolean jdkAttach = true;
        String user = ProcessHandle.current().info().user().orElseThrow();
        RuntimeException failure;
        boolean loaded;
        String loadedArgument;
        String permissions;
        Properties config;

        @Override
        public boolean hasJdkAttach() {
            return jdkAttach;
        }

        @Override
        public Optional<ProcessHandle> process(long pid) {
            return ProcessHandle.of(pid);
        }

        @Override
        public Optional<String> currentUser() {
            return Optional.of(user);
        }

        @Override
        public long uidOf(long pid) {
            return AttachHost.SYSTEM.uidOf(pid);
        }

        @Override
        public long currentUid() {
            return AttachHost.SYSTEM.currentUid();
        }

        @Override
        public boolean isJvm(long pid) {
            return AttachHost.SYSTEM.isJvm(pid);
        }

        @Override
        public Path agentJar() {
            return Paths.get("litestream-agent.jar");
        }

        @Override
        public void load(Path agentJar, long pid, String argument) {
            if (failure != null) {
                throw failure;
            }
            loaded = true;
            loadedArgument = argument;
            if (argument != null) {
                // What the agent would see while its agentmain runs.
                Path file = Paths.get(argument.substring("config=".length()));
                try (InputStream in = Files.newInputStream(file)) {
                    permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
                    config = new Properties();
                    config.load(in);
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
