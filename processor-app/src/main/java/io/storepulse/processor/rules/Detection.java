package io.storepulse.processor.rules;

import io.storepulse.avro.FraudRule;

import java.util.List;
import java.util.Map;

/**
 * A rule that fired: its window, risk score in [0, 1], the numbers that made it fire ({@code Double},
 * {@code String} or {@code List<String>} values) and the events it saw.
 */
public record Detection(FraudRule rule, long windowStart, long windowEnd, double riskScore,
                        Map<String, Object> evidence, List<String> eventIds) {
}
