package dev.perks.user;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** What an account may do; stored as its code, carried in the token's {@code groups} claim. */
public enum Role {
    EMPLOYEE("employee"),
    ADMIN(Role.ADMIN_GROUP);

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

    /** The {@code role} column holds the code ({@code employee}, {@code admin}), as its CHECK constraint requires. */
    @Converter
    public static class Column implements AttributeConverter<Role, String> {

        @Override
        public String convertToDatabaseColumn(Role role) {
            return role == null ? null : role.code();
        }

        @Override
        public Role convertToEntityAttribute(String code) {
            return code == null ? null : fromCode(code);
        }
    }
}
