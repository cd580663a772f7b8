package dev.litestreamagent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay to a local port that can hang like an endpoint that accepts connections and never
 * answers: while hanging it still accepts, but passes no byte either way. {@link #release()}
 * closes every connection (the held ones fail, as when a load balancer finally resets them) and
 * relays again.
 */
public final class HangingRelay implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private boolean hanging;

    private HangingRelay(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    public static HangingRelay to(int targetPort) throws IOException {
        HangingRelay relay = new HangingRelay(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
        daemon(relay::acceptLoop, "relay-accept");
        return relay;
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    public void hang() {
        synchronized (gate) {
            hanging = true;
        }
    }

    public void release() {
        synchronized (gate) {
            hanging = false;
            closeAll();
            gate.notifyAll();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        release();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                daemon(() -> relay(client), "relay-connect");
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket client) {
        try {
            awaitNotHanging();
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            sockets.add(upstream);
            daemon(() -> pump(client, upstream), "relay-up");
            pump(upstream, client);
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0;) {
                awaitNotHanging();
                out.write(buffer, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void awaitNotHanging() throws InterruptedException {
        synchronized (gate) {
            while (hanging) {
                gate.wait();
            }
        }
    }

    private void closeAll() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
        sockets.clear();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is wanted
        }
    }

    private static void daemon(Runnable body, String name) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }
}
