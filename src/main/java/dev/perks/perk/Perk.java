package dev.perks.perk;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.perks.lifecycle.DatabaseClock;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A perk of the catalogue, mapped onto the {@code perks} table Flyway owns; as JSON it is the
 * API's {@code perk}. Claims take stock with one SQL statement of their own (ClaimRepository), so
 * an edit writes only the columns it changed ({@code @DynamicUpdate}): renaming a perk never puts
 * back a unit a claim took meanwhile.
 */
@Entity
@Table(name = "perks")
@DynamicUpdate
@JsonPropertyOrder({ "id", "title", "description", "stock", "active", "createdAt" })
public class Perk {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String title;

    private String description;

    private int stock;

    private boolean active = true;

    // Set by the entity (DatabaseClock), not by the column default.
    @Column(name = "created_at", updatable = false)
    private OffsetDateTime createdAt;

    protected Perk() {
        // for Hibernate
    }

    Perk(NewPerk perk) {
        this.title = perk.title();
        this.description = perk.description();
        this.stock = perk.stock();
        this.createdAt = DatabaseClock.now();
    }

    /** A detached perk read straight from a row (the hot read path, no session). */
    Perk(long id, String title, String description, int stock, boolean active, OffsetDateTime createdAt) {
        this.id = id;
        this.title = title;
        this.description = description;
        this.stock = stock;
        this.active = active;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getTitle() {
        return title;
    }

    public String getDescription() {
        return description;
    }

    public int getStock() {
        return stock;
    }

    public boolean isActive() {
        return active;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    /** Absent (null) fields keep their value. */
    void apply(PerkUpdate update) {
        if (update.title() != null) {
            title = update.title();
        }
        if (update.description() != null) {
            description = update.description();
        }
        if (update.stock() != null) {
            stock = update.stock();
        }
        if (update.active() != null) {
            active = update.active();
        }
    }
}
