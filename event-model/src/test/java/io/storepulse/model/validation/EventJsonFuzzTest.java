package io.storepulse.model.validation;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static io.storepulse.model.validation.EventJsonReaderTest.CLICK;
import static io.storepulse.model.validation.EventJsonReaderTest.INVENTORY;
import static io.storepulse.model.validation.EventJsonReaderTest.NOW;
import static io.storepulse.model.validation.EventJsonReaderTest.PURCHASE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies made by mutating valid events (characters deleted, inserted, replaced, values swapped for other JSON
 * types), 20,000 of them: the reader either refuses the body as a whole with one of its two answers, or accounts for
 * every event as accepted or rejected with a message; nothing else is ever thrown. The seed is printed;
 * {@code -Dstorepulse.fuzz-seed=N} repeats a run.
 */
class EventJsonFuzzTest {

    private static final String[] EVENTS = {CLICK, PURCHASE, INVENTORY};
    private static final String[] VALUES = {"null", "true", "0", "-1", "1e400", "2147483648", "\"\"", "[]", "{}",
            "\"\\u0000\"", "\"\\ud83d\\ude00\"", "99999999999.999", "\"2026-11-21T09:59:00Z\""};

    private static final String PUNCTUATION = "{}[]\":,0a\\ ";

    private final EventJsonReader reader = new EventJsonReader(EventRules.defaults(), 100, 2_000);

    @Test
    void mutatedBodiesAreAnsweredAndNothingElseIsThrown() {
        long seed = Long.getLong("storepulse.fuzz-seed", System.nanoTime());
        System.out.println("event JSON fuzz seed " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        int accepted = 0;
        int rejected = 0;
        int refused = 0;
        for (int i = 0; i < 20_000; i++) {
            int events = 1 + random.nextInt(4);
            StringBuilder body = new StringBuilder("[");
            for (int e = 0; e < events; e++) {
                body.append(e == 0 ? "" : ",").append(mutate(EVENTS[random.nextInt(EVENTS.length)], random));
            }
            String json = body.append(']').toString();
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

    private static String mutate(String event, SplittableRandom random) {
        StringBuilder json = new StringBuilder(event.replace("\n", ""));
        for (int m = 0, n = random.nextInt(4); m < n; m++) {
            int at = random.nextInt(json.length());
            switch (random.nextInt(4)) {
                case 0 -> json.deleteCharAt(at);
                case 1 -> json.insert(at, (char) random.nextInt(0x80));
                case 2 -> json.setCharAt(at, PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
                default -> {
                    // A field's value replaced by a value of another JSON type.
                    int colon = json.indexOf("\":", at);
                    if (colon > 0) {
                        int end = colon + 2;
                        int stop = end;
                        while (stop < json.length() && ",}".indexOf(json.charAt(stop)) < 0) {
                            stop++;
                        }
                        json.replace(end, stop, VALUES[random.nextInt(VALUES.length)]);
                    }
                }
            }
        }
        return json.toString();
    }
}
