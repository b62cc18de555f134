package webtalk.store.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** {@link KeptStatements} on a real SQLite file in WAL mode, a writer beside the kept reader. */
class KeptStatementsTest {

    @TempDir
    Path dir;

    private Connection writer;
    private Connection reader;

    @BeforeEach
    void open() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + dir.resolve("kept.db"));
        writer = source.getConnection();
        try (Statement s = writer.createStatement()) {
            s.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)");
            s.execute("INSERT INTO t VALUES ('a', 1), ('b', 2)");
        }
        reader = KeptStatements.over(source.getConnection());
    }

    @AfterEach
    void close() throws SQLException {
        reader.close();
        writer.close();
    }

    private Integer valueOf(String key) throws SQLException {
        try (PreparedStatement query = reader.prepareStatement("SELECT v FROM t WHERE k = ?")) {
            query.setString(1, key);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() ? rs.getInt(1) : null;
            }
        }
    }

    @Test
    void aQueryIsPreparedOnceAndAnswersEveryTimeWithItsOwnParameters() throws SQLException {
        assertEquals(1, valueOf("a"));
        assertEquals(2, valueOf("b"));
        assertEquals(null, valueOf("c"));
        assertEquals(1, KeptStatements.keptBy(reader));
        PreparedStatement first;
        try (PreparedStatement query = reader.prepareStatement("SELECT v FROM t WHERE k = ?")) {
            first = query;
        }
        try (PreparedStatement again = reader.prepareStatement("SELECT v FROM t WHERE k = ?")) {
            assertSame(first, again);
        }
    }

    @Test
    void aResultTheCallerLeftOpenHoldsNoSnapshotOnceTheStatementIsClosed() throws Exception {
        try (PreparedStatement query = reader.prepareStatement("SELECT v FROM t")) {
            ResultSet rs = query.executeQuery();  // not closed by the caller: the statement's close must
            assertTrue(rs.next());
        }
        try (Statement s = writer.createStatement()) {
            s.execute("INSERT INTO t VALUES ('c', 3)");
            try (ResultSet checkpoint = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                assertTrue(checkpoint.next());
                assertEquals(0, checkpoint.getInt(1), "the checkpoint was blocked by a reader's snapshot");
            }
        }
        assertEquals(0, Files.size(dir.resolve("kept.db-wal")), "the WAL was not truncated");
        assertEquals(3, valueOf("c"));
    }

    @Test
    void theSameQueryInsideItsOwnLoopIsAFreshStatement() throws SQLException {
        int pairs = 0;
        try (PreparedStatement outer = reader.prepareStatement("SELECT k FROM t ORDER BY k");
             ResultSet keys = outer.executeQuery()) {
            while (keys.next()) {
                try (PreparedStatement inner = reader.prepareStatement("SELECT k FROM t ORDER BY k");
                     ResultSet again = inner.executeQuery()) {
                    assertNotSame(outer, inner);
                    while (again.next()) {
                        pairs++;
                    }
                }
            }
        }
        assertEquals(4, pairs);
        assertEquals(1, KeptStatements.keptBy(reader));
    }

    @Test
    void atMostItsCapacityIsKept() throws SQLException {
        for (int i = 0; i < KeptStatements.CAPACITY * 3; i++) {
            try (PreparedStatement query = reader.prepareStatement("SELECT v + " + i + " FROM t WHERE k = ?")) {
                query.setString(1, "a");
                try (ResultSet rs = query.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(1 + i, rs.getInt(1));
                }
            }
        }
        assertEquals(KeptStatements.CAPACITY, KeptStatements.keptBy(reader));
    }

    @Test
    void aStatementIsNotUsableAfterItsClose() throws SQLException {
        PreparedStatement query = reader.prepareStatement("SELECT v FROM t WHERE k = ?");
        query.close();
        assertTrue(query.isClosed());
        assertThrows(SQLException.class, () -> query.setString(1, "a"));
        assertThrows(SQLException.class, query::executeQuery);
    }

    @Test
    void closingTheConnectionClosesWhatItKept() throws SQLException {
        assertEquals(1, valueOf("a"));
        reader.close();
        assertTrue(reader.isClosed());
        assertEquals(0, KeptStatements.keptBy(reader));
        assertFalse(writer.isClosed());
    }
}
