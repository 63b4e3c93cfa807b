package io.storepulse.model.validation;

import io.storepulse.model.Topics;
import io.storepulse.model.codec.AvroCodec;
import io.storepulse.model.codec.Codecs;
import org.apache.avro.specific.SpecificRecord;

/** The three kinds of input event: their JSON {@code type}, their topic and their codec. */
public enum EventKind {
    CLICK("click", Topics.CLICK_EVENTS, Codecs.CLICK),
    PURCHASE("purchase", Topics.PURCHASE_EVENTS, Codecs.PURCHASE),
    INVENTORY("inventory", Topics.INVENTORY_EVENTS, Codecs.INVENTORY);

    private final String jsonType;
    private final String topic;
    private final AvroCodec<? extends SpecificRecord> codec;

    EventKind(String jsonType, String topic, AvroCodec<? extends SpecificRecord> codec) {
        this.jsonType = jsonType;
        this.topic = topic;
        this.codec = codec;
    }

    public AvroCodec<? extends SpecificRecord> codec() {
        return codec;
    }

    /** Encodes a record of this kind; a record of another type is a programming error. */
    @SuppressWarnings("unchecked")
    public byte[] encode(SpecificRecord record) {
        return ((AvroCodec<SpecificRecord>) codec).encode(codec.type().cast(record));
    }

    /** The kind whose input topic this is, or null. */
    public static EventKind ofTopic(String topic) {
        for (EventKind kind : values()) {
            if (kind.topic.equals(topic)) {
                return kind;
            }
        }
        return null;
    }

    public String jsonType() {
        return jsonType;
    }

    public String topic() {
        return topic;
    }

    public static EventKind fromJsonType(String type) {
        for (EventKind kind : values()) {
            if (kind.jsonType.equals(type)) {
                return kind;
            }
        }
        return null;
    }
}
