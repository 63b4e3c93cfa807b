package io.storepulse.model.codec;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.ProductRevenue;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.SessionSummary;
import io.storepulse.avro.UserFeatures;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The writer schemas a reader accepts, by their 64-bit CRC fingerprint (Avro single-object encoding).
 * Holds every generated schema and every schema listed in {@value #KNOWN_LIST} (older versions still on the
 * topics, newer ones shipped to readers before writers use them).
 */
public final class SchemaCatalog implements SchemaStore {

    static final String KNOWN_LIST = "storepulse/avro/known-schemas.list";

    private static final SchemaCatalog BUILT_IN = createBuiltIn();

    private final Map<Long, Schema> byFingerprint = new ConcurrentHashMap<>();

    public static SchemaCatalog builtIn() {
        return BUILT_IN;
    }

    public static SchemaCatalog of(Schema... schemas) {
        SchemaCatalog catalog = new SchemaCatalog();
        for (Schema schema : schemas) {
            catalog.add(schema);
        }
        return catalog;
    }

    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    public void add(Schema schema) {
        byFingerprint.put(fingerprint(schema), schema);
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    public int size() {
        return byFingerprint.size();
    }

    private static SchemaCatalog createBuiltIn() {
        SchemaCatalog catalog = of(ClickEvent.getClassSchema(), PurchaseEvent.getClassSchema(),
                InventoryEvent.getClassSchema(), SessionSummary.getClassSchema(), FraudAlert.getClassSchema(),
                ProductRevenue.getClassSchema(), UserFeatures.getClassSchema());
        ClassLoader loader = SchemaCatalog.class.getClassLoader();
        try (InputStream list = loader.getResourceAsStream(KNOWN_LIST)) {
            if (list == null) {
                return catalog;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                String path = line.strip();
                if (path.isEmpty() || path.startsWith("#")) {
                    continue;
                }
                try (InputStream schema = loader.getResourceAsStream(path)) {
                    if (schema == null) {
                        throw new IllegalStateException(KNOWN_LIST + " names a missing resource: " + path);
                    }
                    catalog.add(new Schema.Parser().parse(schema));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return catalog;
    }
}
