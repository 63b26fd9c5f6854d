/**
 * How the service meets PostgreSQL and Redis, from boot to ready. In order:
 * <ol>
 * <li>{@code config}: {@code DATABASE_URL} and {@code REDIS_URL} become {@code quarkus.*} values
 * (a config source, so every consumer sees the same ones); the reactive pool is built lazily with
 * explicit timeouts ({@code PerksPoolCreator}). Nothing connects during boot. Missing or unusable
 * configuration never gets this far: the entry point ({@code cli}) refuses it before Quarkus boots.</li>
 * <li>{@code local} (dev and test only, no URL configured): the local server when it answers,
 * otherwise an embedded one, chosen while the configuration is read. It knows addresses only, not
 * URLs: {@code config} calls it, never the other way round.</li>
 * <li>{@code status}: once started, background probes ask PostgreSQL and Redis on their own
 * connections and keep {@code DatabaseStatus} / {@code RedisStatus} (reason, since, attempts);
 * {@code FailureClassifier} reads driver failures into reasons. Liveness and readiness only read
 * these.</li>
 * <li>{@code schema}: {@code SchemaMigrator} runs Flyway on its own thread (on
 * {@code MIGRATION_DATABASE_URL} when set, see {@code JdbcTarget}), retried with backoff
 * and jitter until it succeeds; then the bootstrap admin is written and readiness can turn UP.</li>
 * <li>{@code guard}: every request's database work goes through {@code DatabaseGuard}: refused at
 * once while the schema or the database is not ready, one budget per request, safe retries, a
 * breaker the probe closes, a server-side statement timeout for writes, and 503 for whatever is unavailable.</li>
 * </ol>
 * {@code EventLoopWatchdog} feeds liveness, which depends on this process alone.
 */
package dev.perks.lifecycle;
