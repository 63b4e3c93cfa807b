package io.storepulse.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A TCP proxy on 127.0.0.1 in front of one server, which can black-hole the link: while it does, connections stay
 * open and new ones are accepted, but no byte moves in either direction, as when a network partition drops every
 * packet. When the link is restored the bytes held meanwhile move on, as TCP would retransmit them. For fault
 * tests: unlike a stopped server (connection refused at once), a black hole makes clients wait for their own
 * timeouts.
 */
public final class BlackholeProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final Supplier<InetSocketAddress> upstream;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private volatile boolean blackholed;
    private volatile boolean closed;

    /** Listens on {@code port} of 127.0.0.1; {@code upstream} is asked for the server's address at each connection. */
    public BlackholeProxy(int port, Supplier<InetSocketAddress> upstream) {
        this.upstream = upstream;
        try {
            listener = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
        Thread acceptor = new Thread(this::accept, "blackhole-proxy-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** From now on no byte moves, in either direction, on any connection. */
    public void blackhole() {
        blackholed = true;
    }

    /** Bytes move again, the held ones first. */
    public void restore() {
        synchronized (gate) {
            blackholed = false;
            gate.notifyAll();
        }
    }

    public boolean isBlackholed() {
        return blackholed;
    }

    @Override
    public void close() {
        closed = true;
        restore();
        closeQuietly(listener);
        sockets.forEach(BlackholeProxy::closeQuietly);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                sockets.add(client);
                Thread link = new Thread(() -> connect(client), "blackhole-proxy-link");
                link.setDaemon(true);
                link.start();
            } catch (IOException e) {
                if (!closed) {
                    System.getLogger(BlackholeProxy.class.getName()).log(System.Logger.Level.WARNING,
                            "proxy on " + port() + " stopped accepting", e);
                }
                return;
            }
        }
    }

    private void connect(Socket client) {
        awaitOpen();
        Socket server = new Socket();
        sockets.add(server);
        try {
            server.connect(upstream.get(), 5_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        Thread back = new Thread(() -> pump(server, client), "blackhole-proxy-down");
        back.setDaemon(true);
        back.start();
        pump(client, server);
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                awaitOpen();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: close the other below
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void awaitOpen() {
        synchronized (gate) {
            while (blackholed && !closed) {
                try {
                    gate.wait(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing on the way out
        }
    }
}
