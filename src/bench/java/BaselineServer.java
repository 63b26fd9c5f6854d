import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowIterator;
import io.vertx.sqlclient.Tuple;

/**
 * The benchmark's yardstick: what GET /api/perks/{id} costs when written by hand on Vert.x and the
 * reactive PostgreSQL client, with nothing else (no framework, no metrics, no security, no guard).
 * Same query, same JSON, same total pool size as the service; one verticle and one pool per event
 * loop, as a hand-written Vert.x service is usually built. Compiled and run by src/bench/run.sh
 * (start_baseline) against the project's own dependencies; never part of the service's artifact.
 *
 * Environment: PORT, PGHOST, PGPORT, PGDATABASE, PGUSER, POOL_SIZE (total, default 32),
 * EVENT_LOOPS (default: available processors). Prints "ready" once it listens.
 */
public class BaselineServer extends AbstractVerticle {

    private static final String ACTIVE_BY_ID =
            "SELECT id, title, description, stock, active, created_at FROM perks WHERE id = $1 AND active";
    private static final String PREFIX = "/api/perks/";

    private final int poolSize;
    private Pool pool;

    BaselineServer(int poolSize) {
        this.poolSize = poolSize;
    }

    public static void main(String[] args) {
        int loops = Integer.parseInt(env("EVENT_LOOPS", Integer.toString(Runtime.getRuntime().availableProcessors())));
        int poolSize = Integer.parseInt(env("POOL_SIZE", "32"));
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(loops).setPreferNativeTransport(true));
        int perLoop = Math.max(1, poolSize / loops);
        vertx.deployVerticle(() -> new BaselineServer(perLoop), new DeploymentOptions().setInstances(loops))
                .onSuccess(id -> System.out.println("ready"))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public void start(io.vertx.core.Promise<Void> started) {
        PgConnectOptions connect = new PgConnectOptions()
                .setHost(env("PGHOST", "127.0.0.1"))
                .setPort(Integer.parseInt(env("PGPORT", "5432")))
                .setDatabase(env("PGDATABASE", "perks_benchmark"))
                .setUser(env("PGUSER", "postgres"))
                .setPassword(env("PGPASSWORD", ""))
                .setCachePreparedStatements(true);
        // Built inside this verticle: its connections live on this verticle's event loop.
        pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(poolSize)).connectingTo(connect).using(vertx).build();
        vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true))
                .requestHandler(request -> {
                    String path = request.path();
                    long id;
                    try {
                        id = path.startsWith(PREFIX) ? Long.parseLong(path.substring(PREFIX.length())) : -1;
                    } catch (NumberFormatException e) {
                        id = -1;
                    }
                    if (id < 1) {
                        request.response().setStatusCode(404).end();
                        return;
                    }
                    pool.preparedQuery(ACTIVE_BY_ID).execute(Tuple.of(id)).onComplete(result -> {
                        if (result.failed()) {
                            request.response().setStatusCode(503).end();
                            return;
                        }
                        RowIterator<Row> rows = result.result().iterator();
                        if (!rows.hasNext()) {
                            request.response().setStatusCode(404).end();
                            return;
                        }
                        Row row = rows.next();
                        Buffer body = new JsonObject()
                                .put("id", row.getLong(0))
                                .put("title", row.getString(1))
                                .put("description", row.getString(2))
                                .put("stock", row.getInteger(3))
                                .put("active", row.getBoolean(4))
                                .put("createdAt", row.getOffsetDateTime(5).toString())
                                .toBuffer();
                        request.response().putHeader("content-type", "application/json;charset=UTF-8").end(body);
                    });
                })
                .listen(Integer.parseInt(env("PORT", "8090")), "127.0.0.1")
                .<Void>mapEmpty()
                .onComplete(started);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
