package dev.litestreamagent.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API server (S3Proxy, in memory) on 127.0.0.1 with fixed credentials. It can be
 * stopped and started again on the same port, with its content kept, to simulate an outage.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "harness-access-key";
    public static final String SECRET_KEY = "harness-secret-key-0123456789";
    public static final String REGION = "us-east-1";

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    private final BlobStore blobStore;
    private final int port;
    private S3Proxy proxy;

    private S3ProxyServer(BlobStore blobStore, int port) {
        this.blobStore = blobStore;
        this.port = port;
    }

    public static S3ProxyServer start() {
        Properties overrides = new Properties();
        BlobStore store = ContextBuilder.newBuilder("transient")
                .credentials("identity", "credential")
                .overrides(overrides)
                .build(BlobStoreContext.class)
                .getBlobStore();
        S3ProxyServer server = new S3ProxyServer(store, freePort());
        server.resume();
        return server;
    }

    /** Starts serving again (after {@link #pause()}) on the same port with the same content. */
    public synchronized void resume() {
        if (proxy != null) {
            return;
        }
        S3Proxy started = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            started.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"STARTED".equals(started.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start on port " + port);
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy failed to start on port " + port, e);
        }
        proxy = started;
    }

    /** Stops serving (an S3 outage); the stored objects survive for {@link #resume()}. */
    public synchronized void pause() {
        if (proxy == null) {
            return;
        }
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy failed to stop", e);
        }
        proxy = null;
    }

    /** A new, empty bucket. */
    public String createBucket() {
        String name = "bucket-" + BUCKETS.incrementAndGet() + "-" + Long.toHexString(System.nanoTime());
        blobStore.createContainerInLocation(null, name);
        return name;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Number of objects under a prefix in a bucket (to see that something was replicated). */
    public long objectCount(String bucket) {
        return blobStore.countBlobs(bucket);
    }

    @Override
    public void close() {
        pause();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }
}
