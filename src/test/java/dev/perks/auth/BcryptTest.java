package dev.perks.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BcryptTest {

    private final Bcrypt bcrypt = new Bcrypt();

    @Test
    void aHashStoredBeforeTheSwitchFromQuarkusBcryptUtilStillMatches() {
        // Written by io.quarkus.elytron.security.common.BcryptUtil.bcryptHash(password, 4), which this replaced.
        String stored = "$2a$04$geKmty3xZ9o951Soz.b6iOJTfJ8HMdH/DjkHprmM5I/ijqjvuYVF2";

        assertTrue(bcrypt.matches("correct horse battery staple", stored));
        assertFalse(bcrypt.matches("correct horse battery stapler", stored));
    }

    @Test
    void aNewHashIsModularCryptAtTheRequestedCostAndSalted() {
        String first = bcrypt.hash("s3cret-enough", 5);
        String second = bcrypt.hash("s3cret-enough", 5);

        assertTrue(first.startsWith("$2a$05$"), first);
        assertFalse(first.equals(second), "each hash has its own salt");
        assertTrue(bcrypt.matches("s3cret-enough", first));
        assertFalse(bcrypt.matches("s3cret-enougH", first));
    }
}
