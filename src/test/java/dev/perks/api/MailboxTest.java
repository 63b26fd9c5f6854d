package dev.perks.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailboxTest {

    @Test
    void caseAndCompatibilityFormsFoldToOneKey() {
        String plain = "vivian@example.com";
        assertEquals(plain, Mailbox.parse("Vivian@Example.COM").orElseThrow().key());
        assertEquals(plain, Mailbox.parse(fullwidth("Vivian@Example.COM")).orElseThrow().key());
        assertEquals("vivian@example.com", Mailbox.parse(fullwidth("vivian@example.com")).orElseThrow().address());
        assertEquals("Vivian@Example.COM", Mailbox.parse("Vivian@Example.COM").orElseThrow().address(), "case kept for display");
        assertEquals("kelvin@example.com", Mailbox.parse("\u212Aelvin@example.com").orElseThrow().key(), "KELVIN SIGN is K");
    }

    @ParameterizedTest
    @ValueSource(strings = { "v\u0130vian@example.com", "v\u0131vian@example.com", "vi\u0307vian@example.com",
            "vivian@ex\u00e4mple.com", "viv\u200Bian@example.com", "vivian@example.com\u202E", "stra\u00dfe@example.com" })
    void whatStaysOutsideAsciiAfterNfkcIsRefusedNotFolded(String lookAlike) {
        assertTrue(Mailbox.parse(lookAlike).isEmpty(), lookAlike);
    }

    @Test
    void theNormalFormIsItsOwnNormalForm() {
        Mailbox once = Mailbox.parse(fullwidth("Mixed.Case+Tag@Sub.Example.org")).orElseThrow();
        assertEquals(once.key(), Mailbox.parse(once.key()).orElseThrow().key());
        assertEquals(once.key(), Mailbox.parse(once.address()).orElseThrow().key());
    }

    @Test
    void lengthIsJudgedOnTheNormalForm() {
        assertTrue(Mailbox.parse("a".repeat(64) + "@b.co").isPresent());
        assertTrue(Mailbox.parse("a".repeat(65) + "@b.co").isEmpty());
        assertTrue(Mailbox.parse("a@" + "b".repeat(250) + ".co").isEmpty(), "over 254 characters");
    }

    /** Every printable ASCII character as its fullwidth form (U+FF01–U+FF5E). */
    static String fullwidth(String ascii) {
        StringBuilder out = new StringBuilder();
        for (char c : ascii.toCharArray()) {
            out.append(c > 0x20 && c < 0x7F ? (char) (c - 0x21 + 0xFF01) : c);
        }
        return out.toString();
    }
}
