import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

/**
 * An open-loop load generator (wrk2 is not packaged by Debian): requests are sent at a fixed
 * arrival rate whatever the server does, and each latency is measured from the moment the request
 * was due, not from when a free connection let it go, so queueing at the client counts as the
 * server's (no coordinated omission).
 *
 * Usage: java OpenLoad PORT RATE_PER_S SECONDS WARMUP_SECONDS MAX_ID SEED [CONNECTIONS=64]
 * Prints one line: "sent ok errors achieved_rps p50_ms p99_ms p999_ms max_ms" over the measured part.
 */
public class OpenLoad {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        double rate = Double.parseDouble(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int maxId = Integer.parseInt(args[4]);
        SplittableRandom random = new SplittableRandom(Long.parseLong(args[5]));
        int connections = args.length > 6 ? Integer.parseInt(args[6]) : 64;

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
                .setKeepAlive(true).setTcpNoDelay(true), new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
        long total = (long) (rate * (warmup + seconds));
        long measuredFrom = (long) (rate * warmup);
        long[] latencies = new long[(int) (total - measuredFrom)];
        int[] counts = new int[3]; // ok, errors, done (all)
        CountDownLatch finished = new CountDownLatch(1);
        long start = System.nanoTime() + 50_000_000L;
        double intervalNanos = 1e9 / rate;
        long[] next = { 0 };
        vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            while (next[0] < total && start + (long) (next[0] * intervalNanos) <= now) {
                long index = next[0]++;
                long due = start + (long) (index * intervalNanos);
                String uri = "/api/perks/" + (1 + random.nextInt(maxId));
                client.request(HttpMethod.GET, uri).compose(request -> request.send()).compose(response -> response.body()
                        .map(body -> response.statusCode())).onComplete(result -> {
                            long took = System.nanoTime() - due;
                            if (index >= measuredFrom) {
                                latencies[(int) (index - measuredFrom)] = took;
                                if (result.succeeded() && result.result() == 200) {
                                    counts[0]++;
                                } else {
                                    counts[1]++;
                                }
                            }
                            if (++counts[2] == total) {
                                finished.countDown();
                            }
                        });
            }
            if (next[0] >= total) {
                vertx.cancelTimer(timer);
            }
        });
        finished.await();
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.printf("%d %d %d %.0f %.2f %.2f %.2f %.2f%n", sorted.length, counts[0], counts[1],
                sorted.length / (double) seconds, ms(sorted, 0.50), ms(sorted, 0.99), ms(sorted, 0.999),
                sorted[sorted.length - 1] / 1e6);
        vertx.close();
    }

    private static double ms(long[] sorted, double quantile) {
        int index = (int) Math.ceil(sorted.length * quantile) - 1;
        return sorted[Math.max(0, index)] / 1e6;
    }
}
