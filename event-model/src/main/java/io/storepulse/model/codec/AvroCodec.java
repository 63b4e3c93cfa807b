package io.storepulse.model.codec;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Avro single-object encoding (marker C3 01, 8-byte schema fingerprint, binary body) for one record type.
 * The fingerprint makes every record self-describing without a registry round trip: a reader resolves the
 * writer's schema from its {@link SchemaCatalog} and applies Avro schema resolution to its own.
 * Thread-safe; encoders and decoders reuse per-thread buffers.
 */
public final class AvroCodec<T extends SpecificRecord> {

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    public AvroCodec(Class<T> type, Schema schema, SchemaCatalog catalog) {
        // Classes resolve through the record class's own loader, never the thread's (they differ under Quarkus
        // test class loading); the conversions (decimal, timestamp) are those of the generated class.
        SpecificData model = new SpecificData(type.getClassLoader());
        SpecificData.getForClass(type).getConversions().forEach(model::addLogicalTypeConversion);
        this.type = type;
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, catalog);
    }

    public static <T extends SpecificRecord> AvroCodec<T> of(Class<T> type, Schema schema) {
        return new AvroCodec<>(type, schema, SchemaCatalog.builtIn());
    }

    public Class<T> type() {
        return type;
    }

    public byte[] encode(T record) {
        try {
            ByteBuffer buffer = encoder.encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** Decodes bytes; anything that is not a well-formed record of a known writer schema throws {@link CodecException}. */
    public T decode(byte[] bytes) {
        if (bytes == null) {
            throw new CodecException("cannot decode " + type.getSimpleName() + ": null value", null);
        }
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new CodecException("cannot decode " + type.getSimpleName() + ": " + describe(e), e);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
