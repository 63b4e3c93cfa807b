package io.storepulse.processor.archive;

import org.apache.avro.specific.SpecificRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.RecordConsumer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * One Parquet object being written in memory: rows are encoded as they come (column pages, Snappy), and
 * {@link #finish()} gives the complete file. No Hadoop class is loaded: Parquet is configured without Hadoop's
 * {@code Configuration}, writes to an {@link OutputFile} over a byte array and compresses with {@link SnappyCodecs}.
 */
final class ParquetObject {

    /** One row group per object: objects hold at most a roll of one partition. */
    private static final long ROW_GROUP_BYTES = 256L * 1024 * 1024;

    /**
     * Columns whose values rarely repeat within an object (ids, times, offsets, addresses): a dictionary would cost
     * a hash lookup per value, most of the archiver's CPU in a profile, and Parquet writes them plain once it grows
     * too large anyway. Low-cardinality columns (types, countries, products, currencies) keep theirs.
     */
    private static final List<String> UNIQUE_COLUMNS = List.of("event_id", "order_id", "alert_id", "user_id",
            "session_id", "ip_address", "card_fingerprint", "event_time", "detected_at", "kafka_offset");

    private final ArchivedTopic topic;
    private final Bytes bytes = new Bytes();
    private final ParquetWriter<Row> writer;
    private final Row row = new Row();
    private long rows;
    private long firstOffset = -1;
    private long lastOffset = -1;

    ParquetObject(ArchivedTopic topic) {
        this.topic = topic;
        try {
            Builder builder = new Builder(new MemoryFile(bytes), topic)
                    .withConf(new PlainParquetConfiguration())
                    .withCodecFactory(SnappyCodecs.INSTANCE)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withRowGroupSize(ROW_GROUP_BYTES)
                    .withDictionaryEncoding(true);
            for (String column : UNIQUE_COLUMNS) {
                if (topic.schema().containsField(column)) {
                    builder = builder.withDictionaryEncoding(column, false);
                }
            }
            this.writer = builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a Parquet writer in memory", e);
        }
    }

    void write(SpecificRecord record, int partition, long offset) {
        row.record = record;
        row.partition = partition;
        row.offset = offset;
        try {
            writer.write(row);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a Parquet row in memory", e);
        }
        if (firstOffset < 0) {
            firstOffset = offset;
        }
        lastOffset = offset;
        rows++;
    }

    /** Bytes held so far: the encoded pages plus what the open pages and dictionaries buffer. */
    long bufferedBytes() {
        return writer.getDataSize();
    }

    long rows() {
        return rows;
    }

    long firstOffset() {
        return firstOffset;
    }

    long lastOffset() {
        return lastOffset;
    }

    /** Closes the writer and returns the whole file; the object can take no more rows. */
    byte[] finish() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish a Parquet object of " + topic.topic(), e);
        }
        return bytes.toByteArray();
    }

    private static final class Row {
        SpecificRecord record;
        int partition;
        long offset;
    }

    private static final class Builder extends ParquetWriter.Builder<Row, Builder> {
        private final ArchivedTopic topic;

        Builder(OutputFile file, ArchivedTopic topic) {
            super(file);
            this.topic = topic;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return new RowSupport(topic);
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
            return new RowSupport(topic);
        }
    }

    private static final class RowSupport extends WriteSupport<Row> {
        private final ArchivedTopic topic;
        private RowWriter writer;

        RowSupport(ArchivedTopic topic) {
            this.topic = topic;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return context();
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return context();
        }

        private WriteContext context() {
            return new WriteContext(topic.schema(), Map.of("storepulse.topic", topic.topic()));
        }

        @Override
        public void prepareForWrite(RecordConsumer consumer) {
            writer = new RowWriter(consumer);
        }

        @Override
        public void write(Row row) {
            topic.write(writer, row.record, row.partition, row.offset);
        }

        @Override
        public String getName() {
            return "storepulse-archive";
        }
    }

    /** A growable byte array that hands out its buffer without a copy where it can. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes() {
            super(64 * 1024);
        }
    }

    private static final class MemoryFile implements OutputFile {
        private final Bytes bytes;

        MemoryFile(Bytes bytes) {
            this.bytes = bytes;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return createOrOverwrite(blockSizeHint);
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            bytes.reset();
            return new PositionOutputStream() {
                @Override
                public long getPos() {
                    return bytes.size();
                }

                @Override
                public void write(int b) {
                    bytes.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes.write(b, off, len);
                }
            };
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }

        @Override
        public String getPath() {
            return "memory";
        }
    }
}
