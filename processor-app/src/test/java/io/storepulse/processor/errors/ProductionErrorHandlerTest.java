package io.storepulse.processor.errors;

import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import static org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse.CONTINUE;
import static org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse.FAIL;
import static org.apache.kafka.streams.errors.ProductionExceptionHandler.ProductionExceptionHandlerResponse.RETRY;
import static org.assertj.core.api.Assertions.assertThat;

class ProductionErrorHandlerTest {

    @Test
    void recordsTheBrokerWillNeverAcceptAreSkipped() {
        assertThat(ProductionErrorHandler.decide(new RecordTooLargeException("too big"))).isEqualTo(CONTINUE);
        assertThat(ProductionErrorHandler.decide(new InvalidRecordException("bad"))).isEqualTo(CONTINUE);
    }

    @Test
    void transientProblemsAreRetried() {
        assertThat(ProductionErrorHandler.decide(new NotLeaderOrFollowerException("moving"))).isEqualTo(RETRY);
        assertThat(ProductionErrorHandler.decide(new TimeoutException("slow"))).isEqualTo(RETRY);
    }

    @Test
    void anythingElseFailsTheTask() {
        assertThat(ProductionErrorHandler.decide(new AuthorizationException("denied"))).isEqualTo(FAIL);
        assertThat(ProductionErrorHandler.decide(new IllegalStateException("bug"))).isEqualTo(FAIL);
    }
}
