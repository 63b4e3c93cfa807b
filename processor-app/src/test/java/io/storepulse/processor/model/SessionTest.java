package io.storepulse.processor.model;

import io.storepulse.model.codec.CodecException;
import io.storepulse.model.codec.Codecs;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A session's summary, encoded from its fields, is the summary record as Avro encodes it. */
class SessionTest {

    @Test
    void theEncodedSummaryIsTheSummaryRecordAsAvroEncodesIt() {
        Random random = new Random(13);
        Session.Activity[] activities = Session.Activity.values();
        long time = 1_800_000_000_000L;
        Session session = Session.of(time, Session.Activity.PAGE_VIEW, 0);
        for (int i = 0; i < 3000; i++) {
            time += random.nextInt(60_000);
            Session.Activity activity = activities[random.nextInt(activities.length)];
            session = session.plus(time, activity, activity == Session.Activity.PURCHASE ? random.nextInt(2_000_000) : 0);

            assertThat(session.summaryBytes("u-" + i)).as("after event %d", i)
                    .isEqualTo(Codecs.SESSION.encode(session.toSummary("u-" + i)));
        }
    }

    @Test
    void aRevenueTheSchemaCannotHoldIsRefusedAsAvroRefusesIt() {
        Session session = new Session(0, 0, 1, 0, 0, 0, 1, 1_000_000_000_000L);

        assertThatThrownBy(() -> session.summaryBytes("u-1")).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> Codecs.SESSION.encode(session.toSummary("u-1"))).isInstanceOf(CodecException.class);
    }
}
