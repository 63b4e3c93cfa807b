package io.storepulse.system;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.model.Topics;
import io.storepulse.model.codec.CodecException;
import io.storepulse.model.codec.Codecs;
import io.storepulse.system.TrafficFeed.ProducedRecord;

import java.util.ArrayList;
import java.util.List;

/**
 * One line per click or purchase of a user and per fraud alert, for a failure that has to show why a rule fired or
 * did not: where the broker stored each event, why the generator made it, its event time and what the rules look at.
 */
final class UserTimeline {

    private UserTimeline() {
    }

    /** The user's clicks and purchases in the order they were sent. */
    static List<String> eventsOf(String user, List<ProducedRecord> produced) {
        List<String> events = new ArrayList<>();
        for (ProducedRecord record : produced) {
            if (user.equals(record.key()) && !record.topic().equals(Topics.INVENTORY_EVENTS)) {
                events.add(describe(record));
            }
        }
        return events;
    }

    static String describe(ProducedRecord record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset() + " " + record.origin();
        try {
            if (record.topic().equals(Topics.PURCHASE_EVENTS)) {
                PurchaseEvent purchase = Codecs.PURCHASE.decode(record.value());
                return String.format("%s %s purchase %s of %s, card %s, %s", where, purchase.getEventTime(),
                        purchase.getEventId(), purchase.getAmount(), purchase.getCardFingerprint(),
                        purchase.getCountry());
            }
            ClickEvent click = Codecs.CLICK.decode(record.value());
            return String.format("%s %s %s %s, %s", where, click.getEventTime(), click.getEventType(),
                    click.getEventId(), click.getCountry());
        } catch (CodecException e) {
            return where + " undecodable";
        }
    }

    static String describe(FraudAlert alert) {
        return String.format("%s [%s, %s] on %s, events %s, evidence %s, id %s", alert.getRule(),
                alert.getWindowStart(), alert.getWindowEnd(), alert.getEventTime(), alert.getEventIds(),
                alert.getEvidence(), alert.getAlertId());
    }
}
