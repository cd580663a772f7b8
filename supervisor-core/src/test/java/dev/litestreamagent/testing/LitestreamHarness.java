package dev.litestreamagent.testing;

import dev.litestreamagent.fs.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension: {@code @ExtendWith(LitestreamHarness.class)}, then declare a {@link Harness}
 * parameter. One S3Proxy per test class (it takes seconds to start), a fresh bucket and temp
 * directory per test; the binary must be installed (the test fails, with the fix, when it is not).
 */
public final class LitestreamHarness implements ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LitestreamHarness.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Harness.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestBinary.litestream();
        S3ProxyServer s3 = context.getRoot().getStore(NS)
                .getOrComputeIfAbsent(S3Resource.class, key -> new S3Resource(), S3Resource.class).server;
        Path tempDir = context.getStore(NS)
                .getOrComputeIfAbsent(TempDir.class, key -> new TempDir(), TempDir.class).path;
        return new Harness(tempDir, s3);
    }

    /** Closed by JUnit when the root context ends: one S3Proxy per test JVM. */
    private static final class S3Resource implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final S3ProxyServer server = S3ProxyServer.start();

        @Override
        public void close() {
            server.close();
        }
    }

    private static final class TempDir implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final Path path;

        TempDir() {
            try {
                path = Files.createTempDirectory("litestream-test");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws IOException {
            FileTrees.delete(path);
        }
    }
}
