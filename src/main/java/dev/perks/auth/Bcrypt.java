package dev.perks.auth;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;
import org.wildfly.security.password.util.ModularCrypt;

/**
 * bcrypt in its modular-crypt form ({@code $2a$cost$...}), through Elytron's password factory
 * with a private provider instance: nothing is registered with the JVM's security providers, so
 * nothing of it runs at start-up. Blocking and CPU-bound: callers run it on a worker thread.
 */
// Elytron instantiates its factory implementation reflectively (JCA's Provider.Service).
@RegisterForReflection(classNames = "org.wildfly.security.password.impl.PasswordFactorySpiImpl")
final class Bcrypt {

    private static final int SALT_BYTES = BCryptPassword.BCRYPT_SALT_SIZE;

    private final WildFlyElytronPasswordProvider provider = new WildFlyElytronPasswordProvider();
    private final SecureRandom random = new SecureRandom();

    String hash(String password, int cost) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        try {
            Password hashed = factory().generatePassword(
                    new EncryptablePasswordSpec(password.toCharArray(), new IteratedSaltedPasswordAlgorithmSpec(cost, salt)));
            return ModularCrypt.encodeAsString(hashed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt failed", e);
        }
    }

    boolean matches(String password, String modularCryptHash) {
        try {
            PasswordFactory factory = factory();
            return factory.verify(factory.translate(ModularCrypt.decode(modularCryptHash)), password.toCharArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("bcrypt failed", e);
        }
    }

    private PasswordFactory factory() throws GeneralSecurityException {
        return PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, provider);
    }
}
