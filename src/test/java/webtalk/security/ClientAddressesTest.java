package webtalk.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import webtalk.config.SettingsException;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "192.168.1.1", "2001:db8:1::/48", "::1"));

    private static Function<String, String> headers(String... namesAndValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map::get;
    }

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeadersSay() {
        ClientAddresses none = new ClientAddresses(List.of());
        assertEquals("10.0.0.5", none.resolve("10.0.0.5", headers("X-Forwarded-For", "6.6.6.6")));
    }

    @Test
    void spoofedForwardedForFromAnUntrustedPeerIsIgnored() {
        assertEquals("203.0.113.9", addresses.resolve("203.0.113.9", headers("X-Forwarded-For", "1.2.3.4")));
        assertEquals("203.0.113.9", addresses.resolve("203.0.113.9", headers("Forwarded", "for=1.2.3.4")));
    }

    @Test
    void aTrustedProxysForwardedForGivesTheClient() {
        assertEquals("198.51.100.7", addresses.resolve("10.1.2.3", headers("X-Forwarded-For", "198.51.100.7")));
    }

    @Test
    void theChainIsWalkedFromTheRightSkippingTrustedProxiesAndIgnoringWhatTheClientWrote() {
        // the client wrote "6.6.6.6"; the edge proxy appended what it saw; an inner proxy appended the edge
        assertEquals("198.51.100.7", addresses.resolve("10.0.0.1",
                headers("X-Forwarded-For", "6.6.6.6, 198.51.100.7, 10.9.9.9")));
        assertEquals("198.51.100.7", addresses.resolve("10.0.0.1",
                headers("X-Forwarded-For", "6.6.6.6,198.51.100.7,192.168.1.1")));
    }

    @Test
    void aChainOfOnlyTrustedProxiesGivesTheFurthestOne() {
        assertEquals("10.2.2.2", addresses.resolve("10.0.0.1", headers("X-Forwarded-For", "10.2.2.2, 10.3.3.3")));
    }

    @Test
    void ipv6PeersAndHopsWorkInAnyTextualForm() {
        assertEquals("2001:db8:2:0:0:0:0:7", addresses.resolve("::1", headers("X-Forwarded-For", "2001:db8:2::7")));
        assertEquals("2001:db8:2:0:0:0:0:7", addresses.resolve("[::1]", headers("X-Forwarded-For", "[2001:db8:2::7]:4711")));
        assertEquals("2001:db8:2:0:0:0:0:7", addresses.resolve("2001:db8:1:ffff::1",
                headers("X-Forwarded-For", "2001:db8:2::7, 2001:db8:1::2")));
        assertEquals("2001:db8:1::9", addresses.resolve("2001:db8:1::9", headers()), "no header: the peer");
        assertEquals("2001:db8:2::1", addresses.resolve("2001:db8:2::1", headers("X-Forwarded-For", "1.2.3.4")),
                "outside the trusted /48");
    }

    @Test
    void ipv4MappedIpv6MatchesIpv4Blocks() {
        assertTrue(addresses.isTrusted("::ffff:10.1.1.1"));
        assertEquals("198.51.100.7", addresses.resolve("::ffff:10.1.1.1", headers("X-Forwarded-For", "198.51.100.7")));
    }

    @Test
    void forwardedHeaderWithQuotingPortsAndOtherParameters() {
        assertEquals("198.51.100.7", addresses.resolve("10.0.0.1", headers("Forwarded", "for=198.51.100.7;proto=https;by=10.0.0.1")));
        assertEquals("2001:db8:cafe:0:0:0:0:17", addresses.resolve("10.0.0.1",
                headers("Forwarded", "for=6.6.6.6, For=\"[2001:db8:cafe::17]:4711\";proto=http")));
        assertEquals("198.51.100.7", addresses.resolve("10.0.0.1",
                headers("Forwarded", "for=\"198.51.100.7:1234\", for=10.4.4.4")));
        assertEquals("198.51.100.7", addresses.resolve("10.0.0.1",
                headers("Forwarded", "by=\"a,b\";for=198.51.100.7")), "a comma inside quotes does not split");
    }

    @Test
    void forwardedForWinsOverForwarded() {
        assertEquals("198.51.100.7", addresses.resolve("10.0.0.1",
                headers("X-Forwarded-For", "198.51.100.7", "Forwarded", "for=6.6.6.6")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "garbage", "unknown", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1",
            "01.2.3.4", "0x7f.0.0.1", "::g", "1:2", "[::1", "[::1]x", "_hidden", "1.2.3.4, ", "\"1.2.3.4"})
    void garbageGivesThePeer(String value) {
        assertEquals("10.0.0.1", addresses.resolve("10.0.0.1", headers("X-Forwarded-For", value)));
        assertEquals("10.0.0.1", addresses.resolve("10.0.0.1", headers("Forwarded", "for=" + value)));
    }

    @Test
    void garbageBeforeTheFirstUntrustedHopGivesThePeerNotAnAddressTheClientChose() {
        assertEquals("10.0.0.1", addresses.resolve("10.0.0.1", headers("X-Forwarded-For", "1.2.3.4, nonsense, 10.2.2.2")));
        assertEquals("10.0.0.1", addresses.resolve("10.0.0.1", headers("Forwarded", "for=1.2.3.4, proto=http")));
    }

    @Test
    void cidrPrefixesAreExact() {
        ClientAddresses blocks = new ClientAddresses(List.of("172.16.0.0/12", "fd00::/7", "0.0.0.0/0"));
        assertTrue(blocks.isTrusted("172.31.255.255"));
        assertTrue(blocks.isTrusted("fdff::1"));
        assertTrue(blocks.isTrusted("fc00::1"));
        assertFalse(blocks.isTrusted("fe00::1"));
        ClientAddresses narrow = new ClientAddresses(List.of("172.16.0.0/12"));
        assertFalse(narrow.isTrusted("172.32.0.0"));
        assertFalse(narrow.isTrusted("::ffff:172.32.0.0"));
        assertFalse(narrow.isTrusted("not-an-address"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"proxy.internal", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "", "1.2.3.4/x"})
    void aBadEntryFailsWithOneClearError(String entry) {
        SettingsException e = assertThrows(SettingsException.class, () -> new ClientAddresses(List.of("10.0.0.1", entry)));
        assertTrue(e.getMessage().startsWith("TRUSTED_PROXIES: '" + entry.strip() + "'"), e.getMessage());
    }

    @Test
    void httpsIsBelievedFromTheConnectionOrATrustedProxyOnly() {
        assertTrue(addresses.overHttps(true, "203.0.113.9", headers()));
        assertTrue(addresses.overHttps(false, "10.1.2.3", headers("X-Forwarded-Proto", "https")));
        assertTrue(addresses.overHttps(false, "::1", headers("Forwarded", "for=1.2.3.4;proto=https")));
        assertTrue(addresses.overHttps(false, "10.1.2.3", headers("X-Forwarded-Proto", "http, HTTPS")), "the nearest proxy's word");
        assertFalse(addresses.overHttps(false, "10.1.2.3", headers("X-Forwarded-Proto", "https, http")));
        assertFalse(addresses.overHttps(false, "10.1.2.3", headers()));
        assertFalse(addresses.overHttps(false, "203.0.113.9", headers("X-Forwarded-Proto", "https")), "not from an untrusted peer");
        assertFalse(new ClientAddresses(List.of()).overHttps(false, "10.1.2.3", headers("Forwarded", "proto=https")));
        assertFalse(addresses.overHttps(false, "10.1.2.3", headers("X-Forwarded-Proto", ",")), "a list of nothing");
    }

    @Test
    void theForwardedHostIsBelievedFromATrustedProxyOnly() {
        assertEquals("chat.escola.example", addresses.forwardedHost("10.1.2.3", headers("X-Forwarded-Host", "evil.example, chat.escola.example")),
                "the nearest proxy's word");
        assertNull(addresses.forwardedHost("10.1.2.3", headers()), "said nothing: the request's Host");
        assertNull(addresses.forwardedHost("203.0.113.9", headers("X-Forwarded-Host", "evil.example")), "not from an untrusted peer");
        assertEquals("", addresses.forwardedHost("10.1.2.3", headers("X-Forwarded-Host", ",")), "a list of nothing is no host");
    }
}
