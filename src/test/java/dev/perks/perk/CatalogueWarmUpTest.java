package dev.perks.perk;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.testing.Api;
import dev.perks.testing.ApiTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The warm-up runs the catalogue's real listing, so a query Hibernate rejects cannot warm nothing in silence. */
@QuarkusTest
@WithTestResource(value = ApiTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CatalogueWarmUpTest {

    @Inject
    CatalogueWarmUp warmUp;

    @Test
    void theListingItRunsIsAnsweredByTheDatabase() {
        Api.awaitReady();
        assertTrue(warmUp.listOnce());
    }
}
