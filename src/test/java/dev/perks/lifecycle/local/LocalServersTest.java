package dev.perks.lifecycle.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.perks.lifecycle.local.LocalServers.Address;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which server dev and test use, and the one line that says so. */
class LocalServersTest {

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger(LocalServers.class.getName());
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getLevel() + " " + java.text.MessageFormat.format(record.getMessage().replace("'", "''"),
                    record.getParameters() == null ? new Object[0] : record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void capture() {
        logger.addHandler(capture);
    }

    @AfterEach
    void release() {
        logger.removeHandler(capture);
    }

    @Test
    void aLocalServerThatAnswersIsTheFirstChoice() throws Exception {
        try (ServerSocket localServer = new ServerSocket(0)) {
            Address local = new Address("localhost", localServer.getLocalPort());
            assertEquals(local, LocalServers.database(local, true));
            assertEquals(List.of("INFO PostgreSQL: the local server on localhost:" + localServer.getLocalPort()
                    + " (no database URL is configured)"), lines);
        }
    }

    @Test
    void nothingAnsweringLocallyStartsTheEmbeddedPostgres() {
        int closed = EmbeddedServersTest.closedPort();
        Address used = LocalServers.database(new Address("localhost", closed), true);
        assertEquals("127.0.0.1", used.host());
        assertNotEquals(closed, used.port());
        assertTrue(LocalServers.answers(used));
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).matches("INFO PostgreSQL: an embedded PostgreSQL 17\\.\\S+ on 127\\.0\\.0\\.1:" + used.port()
                + ", data in .*/target/embedded-postgres/data-\\d+ \\(no database URL is configured and nothing answers on"
                + " localhost:" + closed + "\\)"), lines.get(0));
    }

    @Test
    void nothingAnsweringLocallyStartsTheEmbeddedRedis() {
        int closed = EmbeddedServersTest.closedPort();
        Address used = LocalServers.redis(new Address("localhost", closed), true);
        assertEquals("127.0.0.1", used.host());
        assertTrue(LocalServers.answers(used));
        assertEquals(List.of("INFO Redis: an embedded Redis on 127.0.0.1:" + used.port() + ", in memory only (no Redis URL"
                + " is configured and nothing answers on localhost:" + closed + ")"), lines);
    }

    @Test
    void withEmbeddedServersOffTheLocalDefaultStaysAndTheLineSaysWhy() {
        int closed = EmbeddedServersTest.closedPort();
        Address local = new Address("localhost", closed);
        assertEquals(local, LocalServers.database(local, false));
        assertEquals(List.of("WARN PostgreSQL: nothing answers on localhost:" + closed + " and embedded servers are off;"
                + " readiness stays DOWN until it does"), lines);
    }
}
