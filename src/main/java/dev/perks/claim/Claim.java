package dev.perks.claim;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One employee's claim on one perk, mapped onto the {@code claims} table Flyway owns; as JSON it is
 * the API's {@code claim}. Claims are only ever created by the one atomic statement of
 * {@link ClaimRepository#take}, never persisted as entities, so the entity has no generator.
 */
@Entity
@Table(name = "claims")
@JsonPropertyOrder({ "id", "perkId", "userId", "claimedAt" })
public class Claim {

    @Id
    private Long id;

    @Column(name = "perk_id")
    private long perkId;

    @Column(name = "user_id")
    private long userId;

    @JsonIgnore
    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "claimed_at")
    private OffsetDateTime claimedAt;

    protected Claim() {
        // for Hibernate
    }

    public Long getId() {
        return id;
    }

    public long getPerkId() {
        return perkId;
    }

    public long getUserId() {
        return userId;
    }

    public OffsetDateTime getClaimedAt() {
        return claimedAt;
    }
}
