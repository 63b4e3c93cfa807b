package io.storepulse.traffic;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class UserPoolTest {

    private static final long T0 = 1_795_255_200_000L;

    private final SplittableRandom random = new SplittableRandom(3);

    @Test
    void everyKnownUserShopsOnceBeforeNewUsersSignUp() {
        UserPool pool = new UserPool(1_000);
        Set<Integer> taken = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            taken.add(pool.take(T0, random));
        }

        assertThat(taken).hasSize(1_000).allSatisfy(user -> assertThat(user).isBetween(1, 1_000));
        assertThat(pool.take(T0, random)).isEqualTo(1_001);
        assertThat(pool.population()).isEqualTo(1_001);
    }

    @Test
    void aUserComesBackOnlyAfterMoreThanThirtyMinutesOfRest() {
        UserPool pool = new UserPool(1);
        int user = pool.take(T0, random);
        pool.release(user, T0);

        assertThat(pool.take(T0 + 30 * 60_000L, random)).isEqualTo(2);
        assertThat(pool.take(T0 + UserPool.REST_MILLIS, random)).isEqualTo(user);
        assertThat(UserPool.REST_MILLIS).isGreaterThan(30 * 60_000L);
    }

    @Test
    void usersRestInTheOrderTheyLeftAcrossManyChunks() {
        int users = 50_000;
        UserPool pool = new UserPool(users);
        for (int i = 0; i < users; i++) {
            pool.release(pool.take(T0, random), T0 + i);
        }
        Set<Integer> back = new HashSet<>();
        for (int i = 0; i < users; i++) {
            back.add(pool.take(T0 + UserPool.REST_MILLIS + i, random));
        }

        assertThat(back).hasSize(users);
        assertThat(pool.population()).isEqualTo(users);
    }
}
