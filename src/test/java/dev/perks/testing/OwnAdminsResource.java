package dev.perks.testing;

/**
 * The API service on a database of its own, for tests that demote or deactivate admins, the
 * bootstrap admin included: the shared API database must keep its admin for the other classes.
 */
public class OwnAdminsResource extends ApiTestResource {

    public static final String DATABASE = "perks_it_admins";

    @Override
    protected String database() {
        return DATABASE;
    }
}
