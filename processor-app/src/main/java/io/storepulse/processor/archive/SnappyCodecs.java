package io.storepulse.processor.archive;

import io.airlift.compress.snappy.SnappyCompressor;
import io.airlift.compress.snappy.SnappyDecompressor;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Parquet's page compression in pure Java (aircompressor's Snappy): no native library, nothing of Hadoop's codec
 * registry, which finds codecs by reflection. Snappy is the codec every Parquet reader has.
 */
final class SnappyCodecs implements CompressionCodecFactory {

    static final SnappyCodecs INSTANCE = new SnappyCodecs();

    private static final BytesInputCompressor COMPRESSOR = new BytesInputCompressor() {
        private final SnappyCompressor snappy = new SnappyCompressor();

        @Override
        public BytesInput compress(BytesInput bytes) throws IOException {
            byte[] input = bytes.toByteArray();
            byte[] output = new byte[snappy.maxCompressedLength(input.length)];
            int length = snappy.compress(input, 0, input.length, output, 0, output.length);
            return BytesInput.from(output, 0, length);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.SNAPPY;
        }

        @Override
        public void release() {
        }
    };

    private static final BytesInputDecompressor DECOMPRESSOR = new BytesInputDecompressor() {
        private final SnappyDecompressor snappy = new SnappyDecompressor();

        @Override
        public BytesInput decompress(BytesInput bytes, int uncompressedSize) throws IOException {
            byte[] input = bytes.toByteArray();
            byte[] output = new byte[uncompressedSize];
            snappy.decompress(input, 0, input.length, output, 0, uncompressedSize);
            return BytesInput.from(output);
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.get(in);
            output.put(decompress(BytesInput.from(in), uncompressedSize).toByteArray());
        }

        @Override
        public void release() {
        }
    };

    private SnappyCodecs() {
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        return require(codec, COMPRESSOR);
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        return require(codec, DECOMPRESSOR);
    }

    private static <T> T require(CompressionCodecName codec, T snappy) {
        if (codec != CompressionCodecName.SNAPPY) {
            throw new IllegalArgumentException("the archive writes Snappy only, not " + codec
                    + " (one of " + Arrays.toString(CompressionCodecName.values()) + ")");
        }
        return snappy;
    }

    @Override
    public void release() {
    }
}
