package io.storepulse.traffic;

import org.apache.avro.specific.SpecificRecord;

import java.util.List;

/** Plans all events of one fraud episode of one pattern, in event-time order, none before {@code now}. */
interface EpisodePlanner {

    FraudPattern pattern();

    List<SpecificRecord> plan(Fraudster fraudster, long now);
}
