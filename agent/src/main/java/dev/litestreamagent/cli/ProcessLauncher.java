package dev.litestreamagent.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@link Launcher} over real processes. */
final class ProcessLauncher implements Launcher {
    /** A Ctrl-C reaches Litestream from the terminal too; give it that long before signalling it ourselves. */
    private static final long OWN_SIGNAL_GRACE_MS = 1000;
    /** Litestream 0.5 retries its final sync for 30 s on shutdown. */
    private static final long STOP_TIMEOUT_MS = 35_000;
    private static final int OUTPUT_LIMIT = 64 * 1024;

    @Override
    public int runAttached(List<String> command, Map<String, String> extraEnv) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        // When only the JVM is told to stop (SIGTERM to PID 1 in a container), Litestream must be
        // stopped gracefully too, or it runs on as an orphan without its final sync.
        Thread stopChild = new Thread(() -> stop(process), "litestream-agent-stop-litestream");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            return process.waitFor();
        } finally {
            removeHook(stopChild);
        }
    }

    @Override
    public Captured runCaptured(List<String> command, Map<String, String> extraEnv, Duration timeout)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        process.getOutputStream().close();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> drain(process.getInputStream(), output), "litestream-agent-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished = process.waitFor(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        if (!finished) {
            // A hung endpoint makes restore hang forever; it holds nothing worth a graceful stop.
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        reader.join(1000);
        String text;
        synchronized (output) {
            text = new String(output.toByteArray(), StandardCharsets.UTF_8);
        }
        return new Captured(finished ? process.exitValue() : -1, text, !finished);
    }

    private static void stop(Process process) {
        try {
            if (process.waitFor(OWN_SIGNAL_GRACE_MS, TimeUnit.MILLISECONDS)) {
                return;
            }
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT_MS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: nothing left to undo
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream sink) {
        byte[] buffer = new byte[8192];
        try (InputStream input = in) {
            int n;
            while ((n = input.read(buffer)) > 0) {
                synchronized (sink) {
                    if (sink.size() < OUTPUT_LIMIT) {
                        sink.write(buffer, 0, Math.min(n, OUTPUT_LIMIT - sink.size()));
                    }
                }
            }
        } catch (IOException closed) {
            // the process is gone: what was read is all there is
        }
    }
}
