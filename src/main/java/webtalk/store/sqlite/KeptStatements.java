package webtalk.store.sqlite;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A connection that keeps the statements it prepares. sqlite-jdbc compiles a statement's SQL on
 * every {@code prepareStatement} and frees it on {@code close}; the store's reads prepare the same
 * few queries over and over (a join runs six: the room, its bans, its history, polls, the pinned
 * message, who may poll); keeping them took a join on a fresh server from 0.75–0.81 to 0.68–0.73
 * CPU ms (bench/analysis.md). Here {@code prepareStatement(sql)} hands out the statement compiled the
 * first time, and its {@code close()} only closes its result (which resets the statement, so it
 * holds no read snapshot that would keep the WAL from being checkpointed) and clears its
 * parameters. Every caller's code stays the same: try-with-resources around a prepared statement.
 *
 * <p>For the one-thread-at-a-time reader behind its lock ({@link SqliteConnections}): not
 * thread-safe. At most {@link #CAPACITY} statements are kept, the least recently used closed
 * first (SQL built at run time, such as an {@code IN} list of varying length, cannot grow it
 * without bound); a statement asked for again while still open (a query inside a loop over
 * another's rows) is a fresh one, closed as usual. Closing the connection closes them all.
 */
final class KeptStatements implements InvocationHandler {

    static final int CAPACITY = 64;

    private final Connection connection;
    private final Map<String, Kept> kept = new LinkedHashMap<>(16, 0.75f, true);

    private KeptStatements(Connection connection) {
        this.connection = connection;
    }

    /** {@code connection}, as one whose one-argument {@code prepareStatement} reuses statements. */
    static Connection over(Connection connection) {
        return (Connection) Proxy.newProxyInstance(KeptStatements.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new KeptStatements(connection));
    }

    /** How many statements are kept now; for tests. */
    static int keptBy(Connection connection) {
        return ((KeptStatements) Proxy.getInvocationHandler(connection)).kept.size();
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
            return prepare((String) args[0]);
        }
        if (method.getName().equals("close") && args == null) {
            closeAll();
        }
        return delegate(connection, method, args);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        Kept statement = kept.get(sql);
        if (statement == null || statement.statement.isClosed()) {
            statement = new Kept(connection.prepareStatement(sql));
            kept.put(sql, statement);
            evictBeyondCapacity();
        } else if (statement.lent) {
            return connection.prepareStatement(sql);
        }
        statement.lent = true;
        return statement.view;
    }

    private void evictBeyondCapacity() throws SQLException {
        var eldest = kept.entrySet().iterator();
        while (kept.size() > CAPACITY && eldest.hasNext()) {
            Kept statement = eldest.next().getValue();
            if (!statement.lent) {
                eldest.remove();
                statement.statement.close();
            }
        }
    }

    private void closeAll() throws SQLException {
        List<Kept> all = new ArrayList<>(kept.values());
        kept.clear();
        for (Kept statement : all) {
            statement.statement.close();
        }
    }

    private static Object delegate(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One kept statement and the view of it lent to a caller until the caller closes it. */
    private static final class Kept implements InvocationHandler {
        final PreparedStatement statement;
        final PreparedStatement view;
        boolean lent;
        private boolean reusable = true;
        private ResultSet result;

        Kept(PreparedStatement statement) {
            this.statement = statement;
            this.view = (PreparedStatement) Proxy.newProxyInstance(KeptStatements.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            String name = method.getName();
            if (name.equals("close")) {
                giveBack();
                return null;
            }
            if (name.equals("isClosed")) {
                return !lent || statement.isClosed();
            }
            if (!lent) {
                throw new SQLException("statement used after close");
            }
            if (name.equals("executeQuery") && args == null) {
                result = statement.executeQuery();
                return result;
            }
            if (name.startsWith("execute") || name.equals("getResultSet") || name.equals("addBatch")) {
                reusable = false;  // left in a state giveBack does not know how to reset: closed then
            }
            return delegate(statement, method, args);
        }

        private void giveBack() throws SQLException {
            if (!lent) {
                return;
            }
            lent = false;
            try {
                if (result != null) {
                    result.close();  // resets the statement: no read snapshot is held while it waits
                }
                if (!reusable) {
                    statement.close();
                } else {
                    statement.clearParameters();
                }
            } finally {
                result = null;
            }
        }
    }
}
