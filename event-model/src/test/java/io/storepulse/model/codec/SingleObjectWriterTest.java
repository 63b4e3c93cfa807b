package io.storepulse.model.codec;

import io.storepulse.avro.SessionSummary;
import io.storepulse.avro.UserFeatures;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Field by field, the same bytes as Avro's own encoder, so every reader of the topics reads them alike. */
class SingleObjectWriterTest {

    /** The largest unscaled value a decimal of precision 12 holds. */
    private static final long MAX = 999_999_999_999L;
    private static final byte[] SESSION = SingleObjectWriter.header(SessionSummary.getClassSchema());
    private static final byte[] FEATURES = SingleObjectWriter.header(UserFeatures.getClassSchema());
    /** Decimal lengths change at these: one byte holds -128..127, two -32768..32767. */
    private static final long[] EDGES = {0, 1, -1, 127, 128, -128, -129, 255, 256, 32_767, 32_768, -32_768, -32_769,
        99_999_999_999L, -99_999_999_999L, MAX, -MAX};

    @Test
    void aSessionSummaryIsWrittenAsAvroWritesIt() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            long revenue = i < EDGES.length ? EDGES[i] : (random.nextLong() % (MAX + 1)) >> random.nextInt(40);
            long start = random.nextLong() >> 20;
            SessionSummary summary = SessionSummary.newBuilder().setUserId(i % 3 == 0 ? "u-ü€-" + i : "u-" + i)
                    .setSessionStart(Instant.ofEpochMilli(start)).setSessionEnd(Instant.ofEpochMilli(start + i))
                    .setEvents(random.nextLong()).setPageViews(random.nextInt()).setProductViews(-i)
                    .setAddToCarts(Long.MIN_VALUE + i).setPurchases(i).setRevenue(BigDecimal.valueOf(revenue, 2))
                    .setConverted(i % 2 == 0).build();

            byte[] written = new SingleObjectWriter(SESSION).string(summary.getUserId())
                    .number(start).number(start + i).number(summary.getEvents()).number(summary.getPageViews())
                    .number(summary.getProductViews()).number(summary.getAddToCarts()).number(summary.getPurchases())
                    .decimal(revenue, 12).bool(summary.getConverted()).toByteArray();

            assertThat(written).as("session %d, revenue %d", i, revenue).isEqualTo(Codecs.SESSION.encode(summary));
        }
    }

    @Test
    void userFeaturesAreWrittenAsAvroWritesThem() {
        Random random = new Random(11);
        for (int i = 0; i < 2000; i++) {
            long spend = i < EDGES.length ? EDGES[i] : (random.nextLong() % (MAX + 1)) >> random.nextInt(40);
            long average = random.nextInt(1_000_000);
            long time = random.nextLong() >> 20;
            UserFeatures features = UserFeatures.newBuilder().setUserId("u-" + random.nextInt())
                    .setClicks5m(random.nextInt()).setClicks1h(i).setAddToCarts1h(-i).setPurchases24h(Integer.MAX_VALUE - i)
                    .setSpend24h(BigDecimal.valueOf(spend, 2)).setAvgOrderValue24h(BigDecimal.valueOf(average, 2))
                    .setDistinctDevices24h(random.nextInt(5)).setDistinctCountries1h(Integer.MIN_VALUE + i)
                    .setLastEventTime(Instant.ofEpochMilli(time)).setUpdatedAt(Instant.ofEpochMilli(time + 5)).build();

            byte[] written = new SingleObjectWriter(FEATURES).string(features.getUserId())
                    .number(features.getClicks5m()).number(i).number(-i).number(Integer.MAX_VALUE - i)
                    .decimal(spend, 12).decimal(average, 12).number(features.getDistinctDevices24h())
                    .number(Integer.MIN_VALUE + i).number(time).number(time + 5).toByteArray();

            assertThat(written).as("features %d, spend %d", i, spend).isEqualTo(Codecs.FEATURES.encode(features));
        }
    }

    @Test
    void aDecimalWithMoreDigitsThanItsPrecisionIsRefusedAsAvroRefusesIt() {
        SessionSummary tooLarge = SessionSummary.newBuilder().setUserId("u-1").setSessionStart(Instant.EPOCH)
                .setSessionEnd(Instant.EPOCH).setEvents(1).setPageViews(0).setProductViews(0).setAddToCarts(0)
                .setPurchases(1).setRevenue(BigDecimal.valueOf(MAX + 1, 2)).setConverted(true).build();

        assertThatThrownBy(() -> Codecs.SESSION.encode(tooLarge)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> new SingleObjectWriter(SESSION).decimal(MAX + 1, 12))
                .isInstanceOf(CodecException.class).hasMessageContaining("12 digits");
        assertThatThrownBy(() -> new SingleObjectWriter(SESSION).decimal(-MAX - 1, 12))
                .isInstanceOf(CodecException.class);
    }
}
