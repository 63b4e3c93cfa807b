package io.storepulse.processor.errors;

import io.micrometer.core.instrument.Metrics;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * What happens when an output record cannot be written. A transient broker problem is retried; a record the broker
 * will never accept (too large, invalid) or that cannot be serialized is skipped, logged with where it came from,
 * and counted ({@code storepulse_processor_production_errors_total}), so one bad record never stops the stream;
 * anything else fails the task as Kafka Streams would by default.
 */
@RegisterForReflection
public class ProductionErrorHandler implements ProductionExceptionHandler {

    private static final Logger LOG = Logger.getLogger(ProductionErrorHandler.class);

    @Override
    public void configure(Map<String, ?> configs) {
        // Nothing to configure.
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                                     Exception exception) {
        ProductionExceptionHandlerResponse response = decide(exception);
        if (response == ProductionExceptionHandlerResponse.CONTINUE) {
            skipped(context, record.topic(), "produce", exception);
        }
        return response;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context,
                                                                           ProducerRecord record, Exception exception,
                                                                           SerializationExceptionOrigin origin) {
        skipped(context, record.topic(), "serialization", exception);
        return ProductionExceptionHandlerResponse.CONTINUE;
    }

    static ProductionExceptionHandlerResponse decide(Exception exception) {
        if (exception instanceof RecordTooLargeException || exception instanceof InvalidRecordException) {
            return ProductionExceptionHandlerResponse.CONTINUE;
        }
        if (exception instanceof RetriableException) {
            return ProductionExceptionHandlerResponse.RETRY;
        }
        return ProductionExceptionHandlerResponse.FAIL;
    }

    private static void skipped(ErrorHandlerContext context, String topic, String stage, Exception exception) {
        Metrics.counter("storepulse.processor.production.errors", "topic", topic, "stage", stage).increment();
        LOG.errorf(exception, "skipped an output record to %s that cannot be written (%s), from %s-%d offset %d",
                topic, exception.getClass().getSimpleName(), context.topic(), context.partition(), context.offset());
    }
}
