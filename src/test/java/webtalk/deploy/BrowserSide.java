package webtalk.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import webtalk.support.BoundSocketFactory;

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
}
