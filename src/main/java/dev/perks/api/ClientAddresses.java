package dev.perks.api;

import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * The client address per-address limits count, as the trusted proxy saw it. Quarkus' forwarding
 * support takes the <em>left-most</em> {@code X-Forwarded-For} entry, which the client itself can
 * write ({@code X-Forwarded-For: 1.2.3.4} is simply passed on and appended to by the proxy), so every
 * guess could claim a fresh address. Here the entries are read from the right: the right-most one
 * that is not itself a trusted proxy is the address that connected to our proxies. Without
 * forwarding enabled, or when the connection does not come from a trusted proxy, the socket's peer
 * is the address.
 *
 * <p>Trusted proxies are {@code quarkus.http.proxy.trusted-proxies} (IP addresses and CIDR ranges;
 * host names are not resolved here); when that is empty only the directly connected peer counts as
 * the proxy. An IPv6 client is counted per /64: one host is normally given a whole /64, and
 * rotating addresses inside it must not buy fresh guesses.
 */
@Singleton
public class ClientAddresses {

    private static final int IPV6_PREFIX_BITS = 64;

    private final boolean forwarding;
    private final List<byte[][]> trusted = new ArrayList<>(); // {network, mask}

    ClientAddresses(Config config) {
        this.forwarding = config.getOptionalValue("quarkus.http.proxy.proxy-address-forwarding", Boolean.class).orElse(false)
                && config.getOptionalValue("quarkus.http.proxy.allow-x-forwarded", Boolean.class).orElse(false);
        for (String entry : config.getOptionalValues("quarkus.http.proxy.trusted-proxies", String.class).orElse(List.of())) {
            byte[][] range = range(entry.strip());
            if (range != null) {
                trusted.add(range);
            }
        }
    }

    /** The key per-address limits count under: an IPv4 address, an IPv6 /64, or the peer's text when it is no IP. */
    public String of(HttpServerRequest request) {
        String peer = request.connection().remoteAddress().hostAddress();
        if (!forwarding || !isTrusted(peer)) {
            return key(peer);
        }
        List<String> hops = new ArrayList<>();
        for (String header : request.headers().getAll("X-Forwarded-For")) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hostOf(hop.strip()));
                }
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            if (trusted.isEmpty() || !isTrusted(hops.get(i))) {
                return key(hops.get(i)); // with no list, the peer is the one proxy: the right-most entry is what it saw
            }
        }
        return key(hops.isEmpty() ? peer : hops.get(0));
    }

    private boolean isTrusted(String address) {
        if (trusted.isEmpty()) {
            return true; // Quarkus' rule: no list trusts the directly connected proxy
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null) {
            return false;
        }
        for (byte[][] range : trusted) {
            if (range[0].length == bytes.length && matches(bytes, range[0], range[1])) {
                return true;
            }
        }
        return false;
    }

    static String key(String address) {
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null || bytes.length == 4) {
            return address;
        }
        byte[] prefix = bytes.clone();
        for (int i = IPV6_PREFIX_BITS / 8; i < prefix.length; i++) {
            prefix[i] = 0;
        }
        return NetUtil.bytesToIpAddress(prefix) + "/" + IPV6_PREFIX_BITS;
    }

    /** "1.2.3.4", "1.2.3.4:5678", "[2001:db8::1]:443", "2001:db8::1" → the address alone. */
    private static String hostOf(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(1, end);
        }
        int colon = hop.indexOf(':');
        return colon >= 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    private static byte[][] range(String entry) {
        int slash = entry.indexOf('/');
        byte[] network = NetUtil.createByteArrayFromIpAddressString(slash < 0 ? entry : entry.substring(0, slash));
        if (network == null) {
            return null;
        }
        int bits;
        try {
            bits = slash < 0 ? network.length * 8 : Integer.parseInt(entry.substring(slash + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        byte[] mask = new byte[network.length];
        for (int i = 0; i < mask.length; i++) {
            int left = Math.max(0, Math.min(8, bits - i * 8));
            mask[i] = (byte) (0xFF << (8 - left));
        }
        return new byte[][] { network, mask };
    }

    private static boolean matches(byte[] address, byte[] network, byte[] mask) {
        for (int i = 0; i < address.length; i++) {
            if ((address[i] & mask[i]) != (network[i] & mask[i])) {
                return false;
            }
        }
        return true;
    }
}
