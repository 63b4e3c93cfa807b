package io.storepulse.stack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BlackholeProxyTest {

    @Test
    void bytesMoveUntilBlackholedAreHeldMeanwhileAndMoveOnWhenRestored() throws Exception {
        try (ServerSocket echo = echoServer();
             BlackholeProxy proxy = new BlackholeProxy(FreePorts.next(),
                     () -> new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()));
             Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            client.setSoTimeout(500);
            OutputStream out = client.getOutputStream();
            InputStream in = client.getInputStream();
            out.write('a');
            assertThat(in.read()).isEqualTo('a');

            proxy.blackhole();
            out.write('b');
            assertThatThrownBy(in::read).as("nothing comes back through a black hole")
                    .isInstanceOf(SocketTimeoutException.class);
            try (Socket late = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                late.setSoTimeout(500);
                late.getOutputStream().write('c');
                assertThatThrownBy(() -> late.getInputStream().read()).as("a new connection is accepted, then silent")
                        .isInstanceOf(SocketTimeoutException.class);
                proxy.restore();
                late.setSoTimeout(5_000);
                assertThat(late.getInputStream().read()).isEqualTo('c');
            }
            client.setSoTimeout(5_000);
            assertThat(in.read()).as("the held byte, once restored").isEqualTo('b');
        }
    }

    private static ServerSocket echoServer() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread echo = new Thread(() -> {
                        try (socket) {
                            socket.getInputStream().transferTo(socket.getOutputStream());
                        } catch (IOException e) {
                            // the test closed it
                        }
                    });
                    echo.setDaemon(true);
                    echo.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }
}
