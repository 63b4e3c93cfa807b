package io.storepulse.processor.topology;

import io.storepulse.processor.config.StoreKind;

/** Every case of {@link UserActivityTest} with the user state in RocksDB ({@code storepulse.user-state.store=rocksdb}). */
class UserActivityOnRocksDbTest extends UserActivityTest {

    @Override
    StoreKind userStore() {
        return StoreKind.ROCKSDB;
    }
}
