package webtalk.ops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.function.Function;
import webtalk.config.Settings;
import webtalk.config.SettingsException;
import webtalk.security.ClientAddresses;

/**
 * Who may scrape {@code /metrics} (METRICS_TOKEN, METRICS_ALLOWED): a client whose address is
 * allowed (by default only loopback), or one that presents the token as a Bearer. The metrics hold
 * no secrets, but they tell an attacker how loaded the server is and when its disk fails.
 *
 * <p>The address is the client's behind TRUSTED_PROXIES. A request that carries forwarding headers
 * from a peer that is not a trusted proxy is never let in by address: that is a reverse proxy on
 * this machine (loopback) relaying someone else, and the loopback default must not open to them.
 */
public final class MetricsAccess {

    private final byte[] token;
    private final ClientAddresses allowed;
    private final ClientAddresses proxies;

    /** @throws webtalk.config.SettingsException naming a METRICS_ALLOWED entry that is not an address or CIDR */
    public MetricsAccess(Settings.Metrics settings, ClientAddresses proxies) {
        this.token = settings.token() == null ? null : ("Bearer " + settings.token()).getBytes(StandardCharsets.UTF_8);
        try {
            // ClientAddresses' matcher of trusted blocks is the address/CIDR matcher wanted here too.
            this.allowed = new ClientAddresses(settings.allowed());
        } catch (SettingsException e) {
            throw new SettingsException(e.getMessage().replaceFirst("^TRUSTED_PROXIES", "METRICS_ALLOWED"));
        }
        this.proxies = proxies;
    }

    /**
     * @param peer the TCP peer's address
     * @param client the client's address, resolved behind TRUSTED_PROXIES
     * @param header a request header by name, null when absent
     */
    boolean admits(String peer, String client, Function<String, String> header) {
        String authorization = header.apply("Authorization");
        if (token != null && authorization != null
                && MessageDigest.isEqual(token, authorization.strip().getBytes(StandardCharsets.UTF_8))) {
            return true;
        }
        boolean forwarded = header.apply("X-Forwarded-For") != null || header.apply("Forwarded") != null;
        if (forwarded && !proxies.isTrusted(peer)) {
            return false;
        }
        return allowed.isTrusted(client);
    }
}
