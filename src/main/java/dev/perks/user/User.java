package dev.perks.user;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.perks.api.Mailbox;
import dev.perks.lifecycle.DatabaseClock;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.DynamicUpdate;

/**
 * An account, mapped onto the {@code users} table Flyway owns. As JSON it is the API's
 * {@code user}: never its password hash. {@code email} is the address as registered (NFKC form);
 * {@code email_normal} is its {@link Mailbox#key()}, the one column that decides identity (unique
 * index, lookup). Only changed columns are written, so two admins changing different fields
 * never undo each other.
 */
@Entity
@Table(name = "users")
@DynamicUpdate
@JsonPropertyOrder({ "id", "email", "displayName", "role", "active", "createdAt" })
public class User {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String email;

    @JsonIgnore
    @Column(name = "email_normal")
    private String emailNormal;

    @JsonIgnore
    @Column(name = "password_hash")
    private String passwordHash;

    @Column(name = "display_name")
    private String displayName;

    @Convert(converter = Role.Column.class)
    private Role role;

    private boolean active = true;

    // Set by the entity (DatabaseClock), not by the column default.
    @Column(name = "created_at", updatable = false)
    private OffsetDateTime createdAt;

    protected User() {
        // for Hibernate
    }

    public User(Mailbox mailbox, String passwordHash, String displayName, Role role) {
        this.email = mailbox.address();
        this.emailNormal = mailbox.key();
        this.passwordHash = passwordHash;
        this.displayName = displayName;
        this.role = role;
        this.createdAt = DatabaseClock.now();
    }

    public Long getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    @JsonIgnore
    public String getPasswordHash() {
        return passwordHash;
    }

    public String getDisplayName() {
        return displayName;
    }

    public Role getRole() {
        return role;
    }

    public boolean isActive() {
        return active;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    @JsonIgnore
    public boolean isAdmin() {
        return active && role == Role.ADMIN;
    }

    /** Whether this account would still be an active admin after the update. */
    boolean staysAdminAfter(UserUpdate update) {
        Role nextRole = update.role() == null ? role : update.role();
        boolean nextActive = update.active() == null ? active : update.active();
        return nextRole == Role.ADMIN && nextActive;
    }

    /** Absent (null) fields keep their value. */
    void apply(UserUpdate update) {
        if (update.role() != null) {
            role = update.role();
        }
        if (update.active() != null) {
            active = update.active();
        }
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", role=" + role + ", active=" + active + "]";
    }
}
