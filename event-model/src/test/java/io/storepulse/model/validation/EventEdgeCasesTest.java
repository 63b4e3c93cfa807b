package io.storepulse.model.validation;

import io.storepulse.avro.ClickEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.storepulse.model.validation.EventJsonReaderTest.CLICK;
import static io.storepulse.model.validation.EventJsonReaderTest.NOW;
import static io.storepulse.model.validation.EventJsonReaderTest.PURCHASE;
import static io.storepulse.model.validation.EventJsonReaderTest.arrayOf;
import static io.storepulse.model.validation.EventJsonReaderTest.edit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inputs at the edges of JSON, Unicode and the number types, each with the answer a sender should get. */
class EventEdgeCasesTest {

    /** A character outside the Basic Multilingual Plane: one character, two UTF-16 units, four UTF-8 bytes. */
    private static final String GRINNING = new String(Character.toChars(0x1F600));

    private final EventJsonReader reader = new EventJsonReader(EventRules.defaults(), 10_000);

    @Test
    void idsAreCountedInCharactersNotUtf16Units() {
        EventJsonReader.Batch sixtyFour = array(edit(CLICK, "user_id=\"" + GRINNING.repeat(64) + "\""));
        assertThat(sixtyFour.rejected()).isEmpty();
        assertThat(((ClickEvent) sixtyFour.accepted().get(0).record()).getUserId()).isEqualTo(GRINNING.repeat(64));

        EventJsonReader.Batch sixtyFive = array(edit(CLICK, "user_id=\"" + GRINNING.repeat(65) + "\""));
        assertThat(sixtyFive.rejected()).singleElement().satisfies(rejection -> assertThat(rejection.errors())
                .contains("user_id: must be 1-64 characters, was 65"));
    }

    @Test
    void aDuplicateKeyIsRefusedNotSilentlyResolved() {
        String twice = CLICK.replace("\"user_id\":\"u-42\"", "\"user_id\":\"u-42\",\"user_id\":\"u-43\"");

        assertThatThrownBy(() -> array(twice)).isInstanceOf(EventJsonReader.NotJsonException.class)
                .hasMessageContaining("Duplicate field 'user_id'");
        EventJsonReader.Batch lines = reader.readNdjson((twice.replace("\n", "") + "\n" + CLICK.replace("\n", "") + "\n")
                .getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(lines.accepted()).as("the other line").hasSize(1);
        assertThat(lines.rejected()).singleElement().satisfies(rejection ->
                assertThat(rejection.errors()).anySatisfy(error -> assertThat(error).contains("Duplicate field 'user_id'")));
    }

    @Test
    void anEventLargerThanTheLimitIsRejectedAndTheOthersTaken() {
        EventJsonReader small = new EventJsonReader(EventRules.defaults(), 10, 600);
        String large = edit(CLICK, "properties={\"pad\":\"" + "x".repeat(600) + "\"}");
        int size = large.getBytes(StandardCharsets.UTF_8).length;

        EventJsonReader.Batch batch = small.readArray(("[" + CLICK + "," + large + "," + PURCHASE + "]")
                .getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(batch.accepted()).hasSize(2);
        assertThat(batch.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.index()).isEqualTo(1);
            assertThat(rejection.errors()).containsExactly("event: " + size + " bytes of JSON, more than the 600 one event may take");
        });

        EventJsonReader.Batch lines = small.readNdjson((CLICK.replace("\n", "") + "\n" + large + "\n")
                .getBytes(StandardCharsets.UTF_8), NOW);
        assertThat(lines.accepted()).hasSize(1);
        assertThat(lines.rejected()).singleElement().satisfies(rejection -> assertThat(rejection.index()).isEqualTo(1));
    }

    @Test
    void nanIsNotJson() {
        String nan = edit(PURCHASE, "amount=NaN");

        assertThatThrownBy(() -> array(nan)).isInstanceOf(EventJsonReader.NotJsonException.class)
                .hasMessageContaining("Non-standard token 'NaN'");
    }

    private EventJsonReader.Batch array(String... events) {
        return arrayOf(reader, events);
    }
}
