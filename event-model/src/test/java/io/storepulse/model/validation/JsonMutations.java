package io.storepulse.model.validation;

import java.util.SplittableRandom;

/**
 * Collector request bodies made by mutating the contract's example events: characters deleted, inserted or replaced,
 * values swapped for other JSON types. Shared (as event-model's test jar) by the reader's fuzz test and the collector's,
 * which posts them to the running app.
 */
public final class JsonMutations {

    private static final String[] EVENTS = {EventJsonReaderTest.CLICK, EventJsonReaderTest.PURCHASE, EventJsonReaderTest.INVENTORY};
    private static final String[] VALUES = {"null", "true", "0", "-1", "1e400", "2147483648", "\"\"", "[]", "{}",
            "\"\\u0000\"", "\"\\ud83d\\ude00\"", "99999999999.999", "\"2026-11-21T09:59:00Z\""};
    private static final String PUNCTUATION = "{}[]\":,0a\\ ";

    private JsonMutations() {
    }

    /** A JSON array of {@code events} events, each mutated up to three times. */
    public record Body(String json, int events) {
    }

    /** A body of one to four mutated events. */
    public static Body body(SplittableRandom random) {
        int events = 1 + random.nextInt(4);
        StringBuilder body = new StringBuilder("[");
        for (int e = 0; e < events; e++) {
            body.append(e == 0 ? "" : ",").append(mutate(EVENTS[random.nextInt(EVENTS.length)], random));
        }
        return new Body(body.append(']').toString(), events);
    }

    static String mutate(String event, SplittableRandom random) {
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
