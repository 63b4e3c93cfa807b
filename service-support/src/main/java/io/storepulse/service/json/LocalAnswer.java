package io.storepulse.service.json;

import java.util.List;

/** An answer from the state one processor instance holds active: which of the store's partitions it read. */
public interface LocalAnswer {

    /** host:port of the instance that answered. */
    String instance();

    /** How many partitions the store has in all. */
    int partitionCount();

    /** The partitions this answer was read from. */
    List<Integer> partitions();
}
