package io.storepulse.model.validation;

import io.storepulse.model.Topics;

/** The three kinds of input event, their JSON {@code type} and their topic. */
public enum EventKind {
    CLICK("click", Topics.CLICK_EVENTS),
    PURCHASE("purchase", Topics.PURCHASE_EVENTS),
    INVENTORY("inventory", Topics.INVENTORY_EVENTS);

    private final String jsonType;
    private final String topic;

    EventKind(String jsonType, String topic) {
        this.jsonType = jsonType;
        this.topic = topic;
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
