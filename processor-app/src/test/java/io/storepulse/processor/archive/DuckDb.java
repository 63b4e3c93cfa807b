package io.storepulse.processor.archive;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** DuckDB (its JDBC driver, in process) over Parquet files on local disk: the third-party reader of the tests. */
final class DuckDb implements AutoCloseable {

    private final Connection connection;

    DuckDb() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    static Path write(Path dir, String name, byte[] parquet) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, parquet);
        return file;
    }

    /** Every row of the query, each column by its label, values as DuckDB's JDBC driver gives them. */
    List<Map<String, Object>> rows(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = result.getObject(i);
                    row.put(meta.getColumnLabel(i), value == null ? null : value instanceof java.sql.Array array
                            ? List.of((Object[]) array.getArray()) : value);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    Object single(String sql) throws SQLException {
        List<Map<String, Object>> rows = rows(sql);
        return rows.get(0).values().iterator().next();
    }

    /** Column name to DuckDB type, as {@code DESCRIBE} reports them. */
    Map<String, String> types(String parquetGlob) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        for (Map<String, Object> row : rows("DESCRIBE SELECT * FROM read_parquet('" + parquetGlob + "')")) {
            types.put((String) row.get("column_name"), (String) row.get("column_type"));
        }
        return types;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
