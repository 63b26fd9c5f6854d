package dev.perks.api;

import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One identity per mailbox: the one place an email is reduced to the form that decides which
 * account it names. Registration, sign-in, the throttle key, {@code ADMIN_EMAIL}, uniqueness and
 * lookup all go through {@link #parse}, so no database collation and no second folding rule ever
 * decide identity.
 *
 * <p>What is accepted: after Unicode NFKC normalisation (which turns fullwidth and other
 * compatibility spellings into their plain letters), an ASCII dot-atom local part of at most 64
 * characters, {@code @}, and a dotted host name of letters, digits and hyphens (internationalised
 * domains in their {@code xn--} A-label form), 254 characters at most. Anything still outside ASCII
 * after NFKC (such as the dotted capital I, U+0130) is refused, never folded: ASCII is the one
 * range where Java and every PostgreSQL locale agree on case.
 *
 * <p>{@link #address()} is that NFKC form with its case kept (what the account shows);
 * {@link #key()} is it with ASCII letters lower-cased (what identifies the mailbox). The V2
 * migration computes the same key in SQL ({@code normalize(email, NFKC)} then ASCII-only
 * {@code translate}); for every address accepted here both are the identity plus ASCII lower-casing,
 * so the two can never disagree on a stored row.
 */
public record Mailbox(String address, String key) {

    /** Dot-atom local part and a dotted host name: what "well-formed" means for an address people type. */
    private static final Pattern WELL_FORMED = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+");
    public static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_PART = 64;

    /** The mailbox an input names, or empty when it is not an address this service accepts. Does not strip. */
    public static Optional<Mailbox> parse(String input) {
        if (input == null || input.length() > MAX_LENGTH * 18) { // NFKC expands a character 18-fold at most
            return Optional.empty();
        }
        String address = Normalizer.normalize(input, Normalizer.Form.NFKC);
        if (address.length() > MAX_LENGTH || !WELL_FORMED.matcher(address).matches()
                || address.indexOf('@') > MAX_LOCAL_PART) {
            return Optional.empty();
        }
        return Optional.of(new Mailbox(address, asciiLowerCase(address)));
    }

    /** Only A–Z: the fold PostgreSQL's {@code translate} in the V2 migration applies too, whatever the locale. */
    private static String asciiLowerCase(String ascii) {
        char[] chars = ascii.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    @Override
    public String toString() {
        return "Mailbox[" + key + "]";
    }
}
