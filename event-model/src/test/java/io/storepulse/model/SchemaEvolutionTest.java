package io.storepulse.model;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.ClickEventType;
import io.storepulse.avro.DeviceType;
import io.storepulse.model.codec.AvroCodec;
import io.storepulse.model.codec.CodecException;
import io.storepulse.model.codec.Codecs;
import io.storepulse.model.codec.SchemaCatalog;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaEvolutionTest {

    private static final Instant TIME = Instant.parse("2026-11-21T10:00:00.123Z");

    @Test
    void v2ReaderReadsV1Records() throws IOException {
        Schema v2 = v2Schema();
        byte[] v1Bytes = Codecs.CLICK.encode(click());

        BinaryMessageDecoder<GenericRecord> v2Reader = new BinaryMessageDecoder<>(genericModel(), v2, SchemaCatalog.builtIn());
        GenericRecord read = v2Reader.decode(v1Bytes);

        assertThat(read.get("event_id").toString()).isEqualTo("e-1");
        assertThat(read.get("user_id").toString()).isEqualTo("u-42");
        assertThat(read.get("event_type").toString()).isEqualTo("PRODUCT_VIEW");
        assertThat(read.get("product_id").toString()).isEqualTo("p-7");
        assertThat(read.get("event_time")).isEqualTo(TIME);
        assertThat(read.get("campaign_id")).as("the new field takes its default").isNull();
    }

    @Test
    void v1ReaderReadsV2RecordsOnceItKnowsTheWriterSchema() throws IOException {
        Schema v2 = v2Schema();
        byte[] v2Bytes = v2Record(v2);

        AvroCodec<ClickEvent> v1Reader = new AvroCodec<>(ClickEvent.class, ClickEvent.getClassSchema(),
                SchemaCatalog.of(ClickEvent.getClassSchema(), v2));
        ClickEvent read = v1Reader.decode(v2Bytes);

        assertThat(read).isEqualTo(click());
    }

    @Test
    void recordOfAnUnknownWriterSchemaFailsWithAClearError() throws IOException {
        byte[] v2Bytes = v2Record(v2Schema());

        assertThatThrownBy(() -> Codecs.CLICK.decode(v2Bytes))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("ClickEvent");
    }

    @Test
    void fingerprintsTellVersionsApart() throws IOException {
        assertThat(SchemaCatalog.fingerprint(v2Schema())).isNotEqualTo(SchemaCatalog.fingerprint(ClickEvent.getClassSchema()));
    }

    private static byte[] v2Record(Schema v2) throws IOException {
        GenericRecord record = new GenericData.Record(v2);
        record.put("event_id", "e-1");
        record.put("user_id", "u-42");
        record.put("session_id", "s-1");
        record.put("event_type", new GenericData.EnumSymbol(v2.getField("event_type").schema(), "PRODUCT_VIEW"));
        record.put("page_url", "/products/p-7");
        record.put("product_id", "p-7");
        record.put("referrer", null);
        record.put("device_type", new GenericData.EnumSymbol(v2.getField("device_type").schema(), "MOBILE"));
        record.put("ip_address", "203.0.113.7");
        record.put("country", "US");
        record.put("event_time", TIME);
        record.put("properties", Map.of("ab", "b"));
        record.put("campaign_id", "black-friday");
        ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(genericModel(), v2).encode(record);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static ClickEvent click() {
        return ClickEvent.newBuilder().setEventId("e-1").setUserId("u-42").setSessionId("s-1")
                .setEventType(ClickEventType.PRODUCT_VIEW).setPageUrl("/products/p-7").setProductId("p-7")
                .setReferrer(null).setDeviceType(DeviceType.MOBILE).setIpAddress("203.0.113.7").setCountry("US")
                .setEventTime(TIME).setProperties(Map.of("ab", "b")).build();
    }

    private static GenericData genericModel() {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        return model;
    }

    private static Schema v2Schema() throws IOException {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream("/evolution/ClickEvent-v2.avsc")) {
            return new Schema.Parser().parse(in);
        }
    }
}
