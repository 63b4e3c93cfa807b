package io.storepulse.processor.topology;

import io.storepulse.model.Topics;
import io.storepulse.model.validation.EventKind;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Commits every live interval while the input is fresh, once per interval per thread, none of its own while working
 * through a backlog.
 */
class CommitPaceTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final Duration LIVE_INTERVAL = Duration.ofMillis(50);
    private static final Duration LIVE_LAG = Duration.ofSeconds(1);

    private final CommitPace pace = new CommitPace(LIVE_INTERVAL, LIVE_LAG);
    private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
    private final InputGate gate = new InputGate(Duration.ofMinutes(10),
            new InputGate.Sinks("dlq", "late", null), (topic, route) -> { }, pace);

    @Test
    void liveMeansARecordWrittenWithinTheLagWasHandledWithinTheLag() {
        CommitPace.Member member = pace.join(new MockProcessorContext<>());
        assertThat(pace.live(NOW)).isFalse();

        member.handled(NOW - 1000, NOW);

        assertThat(pace.live(NOW)).isTrue();
        assertThat(pace.live(NOW + 1000)).isTrue();
        assertThat(pace.live(NOW + 1001)).isFalse();
    }

    @Test
    void aRecordWrittenLongerAgoThanTheLagIsBacklog() {
        pace.join(new MockProcessorContext<>()).handled(NOW - 1001, NOW);

        assertThat(pace.live(NOW)).isFalse();
    }

    @Test
    void aThreadAsksOncePerLiveIntervalHoweverManyTasksItRuns() {
        MockProcessorContext<String, Object> first = new MockProcessorContext<>();
        MockProcessorContext<String, Object> second = new MockProcessorContext<>();
        CommitPace.Member one = pace.join(first);
        CommitPace.Member other = pace.join(second);
        one.handled(NOW - 10, NOW);
        other.handled(NOW - 10, NOW);

        punctuate(first, NOW + 50);
        punctuate(second, NOW + 80);
        assertThat(first.committed()).isTrue();
        assertThat(second.committed()).as("asked 30 ms after the first task's commit").isFalse();

        other.handled(NOW + 90, NOW + 90);
        punctuate(second, NOW + 100);
        assertThat(second.committed()).as("a live interval later, with records since the first commit").isTrue();
    }

    @Test
    void recordsAnotherTasksCommitTookDoNotMakeATaskAskAgain() {
        MockProcessorContext<String, Object> first = new MockProcessorContext<>();
        MockProcessorContext<String, Object> second = new MockProcessorContext<>();
        pace.join(first).handled(NOW - 10, NOW);
        pace.join(second).handled(NOW - 10, NOW);
        punctuate(first, NOW + 50);

        punctuate(second, NOW + 110);

        assertThat(second.committed()).isFalse();
    }

    @Test
    void aTaskThatHandledNothingSinceItAskedDoesNotAskAgain() {
        MockProcessorContext<String, Object> first = new MockProcessorContext<>();
        CommitPace.Member one = pace.join(first);
        one.handled(NOW - 10, NOW);
        punctuate(first, NOW + 50);
        first.resetCommit();

        punctuate(first, NOW + 100);

        assertThat(first.committed()).isFalse();
    }

    @Test
    void theGateAsksItsTaskForACommitEveryLiveIntervalWhileItsRecordsAreFresh() {
        gate.init(context);
        assertThat(context.scheduledPunctuators()).singleElement().satisfies(punctuator -> {
            assertThat(punctuator.getInterval()).isEqualTo(LIVE_INTERVAL);
            assertThat(punctuator.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
        });

        handle(NOW - 20, NOW);
        punctuate(context, NOW + 50);

        assertThat(context.committed()).isTrue();
    }

    @Test
    void theGateLeavesCommitsToTheCommitIntervalWhileWorkingThroughABacklog() {
        gate.init(context);

        handle(NOW - 60_000, NOW);
        punctuate(context, NOW + 50);

        assertThat(context.committed()).isFalse();
    }

    @Test
    void theCommitsStopOnceNoFreshRecordCameForTheLag() {
        gate.init(context);
        handle(NOW - 20, NOW);

        punctuate(context, NOW + 1001);

        assertThat(context.committed()).isFalse();
    }

    @Test
    void theLiveIntervalMustBePositive() {
        assertThatThrownBy(() -> new CommitPace(Duration.ZERO, LIVE_LAG))
                .hasMessageContaining("storepulse.commits.live-interval");
    }

    /** An undecodable record: the gate sends it to its DLQ, which is output like any other. */
    private void handle(long writtenAt, long now) {
        InboundRecord garbage = InboundRecord.decode(EventKind.CLICK, "garbage".getBytes(StandardCharsets.UTF_8));
        garbage.writtenAt(writtenAt);
        context.setCurrentSystemTimeMs(now);
        context.setRecordMetadata(Topics.CLICK_EVENTS, 0, 1);
        gate.process(new Record<>("u-1".getBytes(StandardCharsets.UTF_8), garbage, writtenAt));
        assertThat(context.forwarded()).hasSize(1);
    }

    private static void punctuate(MockProcessorContext<?, ?> context, long now) {
        context.scheduledPunctuators().get(0).getPunctuator().punctuate(now);
    }
}
