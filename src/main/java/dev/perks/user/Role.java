package dev.perks.user;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an account may do; carried in the token's {@code groups} claim. */
public enum Role {
    EMPLOYEE("employee"),
    ADMIN("admin");

    /** For {@code @RolesAllowed}, which needs a compile-time constant. */
    public static final String ADMIN_GROUP = "admin";

    private final String code;

    Role(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static Role fromCode(String code) {
        for (Role role : values()) {
            if (role.code.equals(code)) {
                return role;
            }
        }
        throw new IllegalArgumentException("Unknown role " + code);
    }
}
