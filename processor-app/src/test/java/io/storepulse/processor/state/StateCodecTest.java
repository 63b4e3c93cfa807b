package io.storepulse.processor.state;

import io.storepulse.avro.UserFeatures;
import io.storepulse.processor.features.FeatureWindows;
import io.storepulse.processor.model.Session;
import io.storepulse.processor.model.UserState;
import io.storepulse.processor.rules.FraudState;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The compact user-state encoding: every field back as written, and the sizes that make it worth having. */
class StateCodecTest {

    private static final long T = Instant.parse("2026-11-21T10:00:00Z").toEpochMilli();

    @Test
    void everyFieldComesBackInOrder() {
        StateWriter out = new StateWriter((byte) 7, T);
        out.count(0);
        out.count(300);
        out.signed(-1);
        out.signed(Long.MIN_VALUE);
        out.signed(Long.MAX_VALUE);
        out.time(T - 1_000);
        out.time(Long.MIN_VALUE);
        out.time(T + 86_400_000);
        out.flag(true);
        out.text("DE");
        out.id("e-1ade1dea5f58-5114");
        out.id("e-1ade1dea5f58-5115");
        out.id("e-1ade1dea5f58-5115");
        out.id("e-1ade");
        out.id("ü-ünïcode-1");
        out.id("");
        byte[] bytes = out.toByteArray();

        StateReader in = new StateReader(bytes);
        assertThat(StateReader.version(bytes)).isEqualTo((byte) 7);
        assertThat(StateReader.fixedTime(bytes)).isEqualTo(T);
        assertThat(in.count()).isZero();
        assertThat(in.count()).isEqualTo(300);
        assertThat(in.signed()).isEqualTo(-1);
        assertThat(in.signed()).isEqualTo(Long.MIN_VALUE);
        assertThat(in.signed()).isEqualTo(Long.MAX_VALUE);
        assertThat(in.time()).isEqualTo(T - 1_000);
        assertThat(in.time()).isEqualTo(Long.MIN_VALUE);
        assertThat(in.time()).isEqualTo(T + 86_400_000);
        assertThat(in.flag()).isTrue();
        assertThat(in.text()).isEqualTo("DE");
        assertThat(in.id()).isEqualTo("e-1ade1dea5f58-5114");
        assertThat(in.id()).isEqualTo("e-1ade1dea5f58-5115");
        assertThat(in.id()).isEqualTo("e-1ade1dea5f58-5115");
        assertThat(in.id()).isEqualTo("e-1ade");
        assertThat(in.id()).isEqualTo("ü-ünïcode-1");
        assertThat(in.id()).isEmpty();
    }

    @Test
    void aUsersIdsAndTimesTakeAFewBytesEach() {
        StateWriter out = new StateWriter((byte) 1, T);
        for (int i = 0; i < 100; i++) {
            out.id("e-1ade1dea5f58-" + (5100 + i));     // 19 characters, the last one or two change
            out.time(T + i * 20_000L);                  // 20 s apart
        }
        // Fixed-width fields took 2 + 19 + 8 = 29 bytes per id and time.
        assertThat(out.toByteArray().length - 9).isLessThanOrEqualTo(100 * 8);
    }

    @Test
    void aUsersStateReadsBackToTheSameBytes() {
        FeatureWindows windows = FeatureWindows.DEFAULTS;
        UserState state = new UserState();
        state.firstSighting("e-1", T);
        state.firstSighting("e-2", T + 1_000);
        state.sessions().add(Session.of(T, Session.Activity.PAGE_VIEW, 0).plus(T + 1_000, Session.Activity.PURCHASE,
                2_599));
        state.features().addClick(T, false, "DESKTOP", "DE", windows);
        state.features().addPurchase(T + 1_000, 2_599, "MOBILE", "FR", windows);
        byte[] bytes = UserStateCodec.encode(state);

        UserState read = UserStateCodec.decode(bytes);
        assertThat(UserStateCodec.encode(read)).isEqualTo(bytes);
        assertThat(read.recentEventIdCount()).isEqualTo(2);
        assertThat(read.firstSighting("e-2", T + 1_000)).isFalse();
        assertThat(read.sessions()).containsExactlyElementsOf(state.sessions());
        assertThat(read.features().features("u-1", T + 2_000, windows))
                .isEqualTo(state.features().features("u-1", T + 2_000, windows));
        assertThat(UserStateCodec.lastEventTime(bytes)).isEqualTo(T + 1_000);
    }

    @Test
    void theBytesTheFormat4ReleaseWroteReadBackFieldByFieldAndAreWrittenTheSameWay() {
        byte[] fixture = StateFixtures.userStateV4();
        UserState state = UserStateCodec.decode(fixture);

        // The de-duplication horizon was min(click 10:51, purchase 10:20) - 10 min grace = 10:10: e-1 is forgotten.
        assertThat(state.recentEventIds()).containsExactly(entry("e-2", at("10:10")), entry("e-3", at("10:20")),
                entry("e-5", at("10:51")), entry("e-6", at("10:45")));
        assertThat(state.sessions()).containsExactly(new Session(at("10:00"), at("10:51"), 5, 2, 1, 1, 1, 3_998));
        UserFeatures features = state.features().features("u-1", at("10:52"), FeatureWindows.DEFAULTS);
        assertThat(features.getClicks5m()).isEqualTo(1);             // [10:46, 10:51]: e-5
        assertThat(features.getClicks1h()).isEqualTo(4);             // e-1, e-2, e-5, e-6
        assertThat(features.getAddToCarts1h()).isEqualTo(1);
        assertThat(features.getPurchases24h()).isEqualTo(1);
        assertThat(features.getSpend24h()).isEqualByComparingTo("39.98");
        assertThat(features.getDistinctDevices24h()).isEqualTo(2);
        assertThat(features.getDistinctCountries1h()).isEqualTo(1);
        assertThat(state.fraud().purchases()).containsExactly(new FraudState.Paid(at("10:20"), 3_998, null, "e-3"));
        assertThat(state.fraud().purchaseCount()).isEqualTo(1);
        assertThat(state.fraud().purchaseSumCents()).isEqualTo(3_998);
        // Windows (one minute) starting before the horizon are gone; presences are kept for the travel span.
        assertThat(state.fraud().clickWindows()).extracting(FraudState.ClickWindow::start)
                .containsExactly(at("10:10"), at("10:45"), at("10:51"));
        assertThat(state.fraud().presences()).extracting(FraudState.Presence::firstId)
                .containsExactly("e-1", "e-2", "e-3", "e-5", "e-6");
        assertThat(state.fraud().alerts()).isEmpty();
        assertThat(UserStateCodec.lastEventTime(fixture)).isEqualTo(at("10:51"));

        assertThat(UserStateCodec.encode(state)).as("while the format is 4, written back byte for byte").isEqualTo(fixture);
    }

    private static long at(String time) {
        return Instant.parse("2026-11-21T" + time + ":00Z").toEpochMilli();
    }

    @Test
    void stateOfAnotherFormatIsRefusedWithWhatToDo() {
        byte[] old = new StateWriter((byte) 3, T).toByteArray();

        assertThatThrownBy(() -> UserStateCodec.decode(old)).hasMessageContaining("format 3")
                .hasMessageContaining("reset the processor");
    }
}
