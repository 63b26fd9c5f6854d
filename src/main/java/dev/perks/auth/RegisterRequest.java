package dev.perks.auth;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/auth/register}. Email and display name are trimmed before they are checked. */
public record RegisterRequest(
        @NotNull(message = "is required") @Size(max = 254, message = "must be at most 254 characters")
        @Email(regexp = ".+@[^@]+\\.[^@]+", message = "must be a well-formed email address") String email,
        @NotNull(message = "is required") @Size(min = 8, max = 128, message = "must be 8 to 128 characters") String password,
        @NotBlank(message = "is required") @Size(max = 80, message = "must be at most 80 characters")
        @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters") String displayName) {

    public RegisterRequest {
        email = email == null ? null : email.trim();
        displayName = displayName == null ? null : displayName.trim();
    }

    @Override
    public String toString() {
        return "RegisterRequest[email=" + email + ", password=***, displayName=" + displayName + "]";
    }
}
