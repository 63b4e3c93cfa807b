package io.storepulse.processor.query;

/** What a query over the processor's state found: an answer, nothing, another instance's key, or no answer now. */
public sealed interface QueryResult<T> {

    record Found<T>(T value) implements QueryResult<T> {
    }

    record NotFound<T>() implements QueryResult<T> {
    }

    /** The key belongs to another instance, at {@code hostAndPort}. */
    record Elsewhere<T>(String hostAndPort) implements QueryResult<T> {
    }

    /** The state cannot be queried right now (rebalance, restore, start-up); never a partial answer. */
    record Unavailable<T>(String reason) implements QueryResult<T> {
    }
}
