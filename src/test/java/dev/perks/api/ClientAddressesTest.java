package dev.perks.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.perks.testing.Api;
import dev.perks.testing.ApiTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a trusted proxy (the tests connect from 127.0.0.1, which the test service trusts), the
 * per-address sign-in limit counts the address the proxy saw, the right-most entry of
 * X-Forwarded-For, never a left-most entry the client wrote; IPv6 clients are counted per /64.
 */
@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ClientAddressesTest {

    @BeforeEach
    void serviceIsReady() {
        Api.awaitReady();
    }

    @Test
    void aSpoofedLeftMostEntryBuysNoFreshGuesses() {
        String client = Api.freshAddress();
        for (int guess = 0; guess < ApiTestResource.MAX_FAILURES_PER_ADDRESS; guess++) {
            // Each guess claims another origin in front of what the proxy appended.
            String spoofed = Api.freshAddress() + ", " + client;
            Api.login(Api.uniqueEmail(), "wrong-guess", spoofed).then().statusCode(401);
        }
        Api.login(Api.uniqueEmail(), "wrong-guess", Api.freshAddress() + ", " + client).then().statusCode(429);
        Api.login(Api.uniqueEmail(), "wrong-guess", client).then().statusCode(429);
        // The address the proxy saw is what counts: another client, even one naming the first, is not limited.
        Api.login(Api.uniqueEmail(), "wrong-guess", client + ", " + Api.freshAddress()).then().statusCode(401);
    }

    @Test
    void ipv6ClientsAreCountedPerSlash64() {
        String prefix = "2001:db8:" + Integer.toHexString(Api.freshAddress().hashCode() & 0xffff) + ":7:";
        for (int guess = 0; guess < ApiTestResource.MAX_FAILURES_PER_ADDRESS; guess++) {
            Api.login(Api.uniqueEmail(), "wrong-guess", prefix + ":" + Integer.toHexString(guess + 1)).then().statusCode(401);
        }
        Api.login(Api.uniqueEmail(), "wrong-guess", "[" + prefix + ":beef]:4711").then().statusCode(429);
        Api.login(Api.uniqueEmail(), "wrong-guess", prefix.replace(":7:", ":8:") + ":1").then().statusCode(401);
    }

    @Test
    void keysAreAddressesAndIpv6Prefixes() {
        assertEquals("198.51.100.7", ClientAddresses.key("198.51.100.7"));
        assertEquals("2001:db8:1:2::/64", ClientAddresses.key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"));
        assertEquals("not-an-ip", ClientAddresses.key("not-an-ip"));
    }
}
