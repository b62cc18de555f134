package webtalk.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * The client side of the proxy: an OkHttp client (the one the Java Socket.IO client runs on) whose
 * sockets leave from another loopback address than nginx's, so WebTalk can tell the client from the
 * proxy, and which trusts nginx's self-signed test certificate and nothing else.
 */
final class BrowserSide {

    private BrowserSide() {
    }

    static OkHttpClient from(String localAddress, Path certificate) throws IOException, GeneralSecurityException {
        X509TrustManager trust = trusting(certificate);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new X509TrustManager[]{trust}, null);
        return new OkHttpClient.Builder()
                .socketFactory(new BoundSocketFactory(localAddress))
                .sslSocketFactory(tls.getSocketFactory(), trust)
                .followRedirects(false)
                .readTimeout(1, TimeUnit.MINUTES)
                .build();
    }

    static void release(OkHttpClient client) {
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    private static X509TrustManager trusting(Path certificate) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream pem = Files.newInputStream(certificate)) {
            store.setCertificateEntry("nginx", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    /** Plain sockets bound to one local address before OkHttp connects them (TLS is layered on top). */
    private static final class BoundSocketFactory extends SocketFactory {
        private final InetAddress local;

        BoundSocketFactory(String address) throws IOException {
            this.local = InetAddress.getByName(address);
        }

        @Override
        public Socket createSocket() throws IOException {
            Socket socket = new Socket();
            socket.bind(new InetSocketAddress(local, 0));
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress localAddress, int localPort) throws IOException {
            return connected(new InetSocketAddress(host, port));
        }

        private Socket connected(InetSocketAddress remote) throws IOException {
            Socket socket = createSocket();
            try {
                socket.connect(remote);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            return socket;
        }
    }
}
