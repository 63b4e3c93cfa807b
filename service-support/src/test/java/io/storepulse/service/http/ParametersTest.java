package io.storepulse.service.http;

import io.storepulse.avro.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParametersTest {

    @Test
    void limitsDefaultWhenAbsentAndRefuseWhatIsOutsideTheRange() {
        assertThat(Parameters.limit("limit", null, 10, 100)).isEqualTo(10);
        assertThat(Parameters.limit("limit", " ", 10, 100)).isEqualTo(10);
        assertThat(Parameters.limit("limit", "1", 10, 100)).isEqualTo(1);
        assertThat(Parameters.limit("limit", "100", 10, 100)).isEqualTo(100);
        for (String bad : new String[] {"0", "101", "-1", "ten", "1.5", "99999999999"}) {
            assertThatThrownBy(() -> Parameters.limit("limit", bad, 10, 100)).as(bad)
                    .isInstanceOf(BadParameterException.class).hasMessage("limit: must be a whole number from 1 to 100");
        }
    }

    @Test
    void instantsAreIso8601OrAbsent() {
        assertThat(Parameters.instant("from", null)).isNull();
        assertThat(Parameters.instant("from", "")).isNull();
        assertThat(Parameters.instant("from", "2026-11-21T10:00:00.000Z")).isEqualTo(Instant.parse("2026-11-21T10:00:00Z"));
        assertThatThrownBy(() -> Parameters.instant("from", "2026-11-21")).isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("from: must be an ISO-8601 instant");
    }

    @Test
    void idsFollowTheCollectorsRule() {
        assertThat(Parameters.id("userId", "u-1")).isEqualTo("u-1");
        assertThatThrownBy(() -> Parameters.id("userId", "")).isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("userId: ");
        assertThatThrownBy(() -> Parameters.id("userId", "x".repeat(65))).isInstanceOf(BadParameterException.class)
                .hasMessageStartingWith("userId: ");
    }

    @Test
    void severitiesInAnyCaseOrTheDefault() {
        assertThat(Parameters.severity("min_severity", null, Severity.LOW)).isEqualTo(Severity.LOW);
        assertThat(Parameters.severity("min_severity", "high", Severity.LOW)).isEqualTo(Severity.HIGH);
        assertThatThrownBy(() -> Parameters.severity("min_severity", "urgent", Severity.LOW))
                .isInstanceOf(BadParameterException.class).hasMessage("min_severity: must be LOW, MEDIUM or HIGH");
    }
}
