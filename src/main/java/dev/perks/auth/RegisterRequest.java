package dev.perks.auth;

import dev.perks.api.Mailbox;
import dev.perks.api.Validation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /api/auth/register}. Email and display name lose surrounding whitespace before they
 * are checked ({@code strip}, not {@code trim}: trim would also drop control characters such as
 * U+0000 at the ends and hide them). The password is taken as sent: PostgreSQL never sees it.
 */
public record RegisterRequest(
        @Schema(required = true, maxLength = 254, format = "email") String email,
        @Schema(required = true, minLength = RegisterRequest.PASSWORD_MIN_LENGTH,
                maxLength = RegisterRequest.PASSWORD_MAX_LENGTH) String password,
        @Schema(required = true, minLength = 1, maxLength = 80, description = "Trimmed") String displayName) {

    /** A password's length in characters, for accounts and for ADMIN_PASSWORD alike. */
    public static final int PASSWORD_MIN_LENGTH = 8;
    public static final int PASSWORD_MAX_LENGTH = 128;

    public RegisterRequest {
        email = email == null ? null : email.strip();
        displayName = displayName == null ? null : displayName.strip();
    }

    public RegisterRequest validate() {
        new Validation()
                .required("email", email).length("email", email, 0, 254).noControlCharacters("email", email)
                .email("email", email)
                .required("password", password).length("password", password, PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
                .required("displayName", displayName).length("displayName", displayName, 1, 80)
                .noControlCharacters("displayName", displayName)
                .orThrow();
        return this;
    }

    /** The mailbox the (validated) email names: what identifies the new account. */
    public Mailbox mailbox() {
        return Mailbox.parse(email).orElseThrow();
    }

    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + ", password=***, displayName=" + displayName + "]";
    }
}
