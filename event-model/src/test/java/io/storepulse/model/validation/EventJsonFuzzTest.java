package io.storepulse.model.validation;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static io.storepulse.model.validation.EventJsonReaderTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies made by mutating valid events (characters deleted, inserted, replaced, values swapped for other JSON
 * types), 20,000 of them: the reader either refuses the body as a whole with one of its two answers, or accounts for
 * every event as accepted or rejected with a message; nothing else is ever thrown. The seed is printed;
 * {@code -Dstorepulse-test.fuzz-seed=N} repeats a run.
 */
class EventJsonFuzzTest {

    private final EventJsonReader reader = new EventJsonReader(EventRules.defaults(), 100, 2_000);

    @Test
    void mutatedBodiesAreAnsweredAndNothingElseIsThrown() {
        long seed = Long.getLong("storepulse-test.fuzz-seed", System.nanoTime());
        System.out.println("event JSON fuzz seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        int accepted = 0;
        int rejected = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            JsonMutations.Body body = JsonMutations.body(random);
            String json = body.json();
            int events = body.events();
            try {
                EventJsonReader.Batch batch = reader.readArray(json.getBytes(StandardCharsets.UTF_8), NOW);
                assertThat(batch.accepted().size() + batch.rejected().size()).as(json).isEqualTo(events);
                assertThat(batch.rejected()).as(json).allSatisfy(r -> assertThat(r.errors()).isNotEmpty());
                accepted += batch.accepted().size();
                rejected += batch.rejected().size();
            } catch (EventJsonReader.NotJsonException | EventJsonReader.TooManyEventsException whole) {
                assertThat(whole.getMessage()).as(json).isNotBlank();
                refused++;
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ", body " + json + ": " + e, e);
            }
        }
        // The mutations reach every answer.
        assertThat(accepted).isPositive();
        assertThat(rejected).isPositive();
        assertThat(refused).isPositive();
    }
}
