package io.storepulse.processor.rules;

/** One fraud rule: looks at the user's fraud state, which already holds the trigger, and says whether it fires. */
interface FraudCheck {

    /** The detection, or null when the rule does not fire on this event. */
    Detection check(FraudState state, Trigger trigger);

    /**
     * After an alert the rule stays silent for events within this span of its window end, in event time; zero
     * when the rule's windows cannot overlap.
     */
    long silenceMillis();
}
