package dev.litestreamagent.exec;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Launches real processes with {@link ProcessBuilder}. A child in a {@link ProcessSpec#newSession
 * new session} is started through {@code setsid COMMAND...}: called by a process that is not a
 * group leader (a child of this JVM never is), setsid calls setsid(2) and execs the command in
 * place, so the pid stays the command's own; without setsid it is launched as usual.
 */
public final class SystemProcessLauncher implements ProcessLauncher {
    private static final File DEV_NULL = new File("/dev/null");

    private final Supplier<Optional<Path>> setsid;

    public SystemProcessLauncher() {
        this(new InstalledSetsid());
    }

    /** For tests: where setsid is (or that it is missing). */
    SystemProcessLauncher(Supplier<Optional<Path>> setsid) {
        this.setsid = setsid;
    }

    @Override
    public ChildProcess launch(ProcessSpec spec) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command(spec));
        if (spec.directory().isPresent()) {
            builder.directory(spec.directory().get().toFile());
        }
        builder.environment().putAll(spec.environment());
        Output output = spec.output();
        switch (output.kind()) {
            case FILE:
                // A pipe read only by this JVM would kill Litestream with SIGPIPE (and no final
                // sync) when the JVM dies; a file it appends to survives the JVM.
                builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL)).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(output.file().toFile()));
                break;
            case CAPTURED:
                builder.redirectInput(ProcessBuilder.Redirect.from(DEV_NULL)).redirectErrorStream(true);
                break;
            case INHERITED_AS_LOG:
                // Java cannot point a child's stdout at this JVM's stderr: it comes through a pipe, copied.
                builder.inheritIO().redirectOutput(ProcessBuilder.Redirect.PIPE);
                break;
            default:
                builder.inheritIO();
        }
        Process process = builder.start();
        switch (output.kind()) {
            case CAPTURED:
                return new SystemChildProcess(process, CapturedOutput.kept(process.getInputStream(), output.limit(),
                        process.pid()));
            case INHERITED_AS_LOG:
                return new SystemChildProcess(process, CapturedOutput.copied(process.getInputStream(), System.err,
                        process.pid()));
            default:
                return new SystemChildProcess(process, null);
        }
    }

    private List<String> command(ProcessSpec spec) {
        Optional<Path> location = spec.newSession() ? setsid.get() : Optional.empty();
        if (!location.isPresent()) {
            return spec.command();
        }
        List<String> command = new ArrayList<>();
        command.add(location.get().toString());
        command.addAll(spec.command()); // setsid stops reading options at the first non-option: the program
        return command;
    }

    /** {@link Setsid#installed()}: a class, not a method reference, which would start the lambda machinery in every CLI command. */
    private static final class InstalledSetsid implements Supplier<Optional<Path>> {
        @Override
        public Optional<Path> get() {
            return Setsid.installed();
        }
    }
}
