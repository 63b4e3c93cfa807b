package io.storepulse.model.codec;

import io.storepulse.avro.ClickEvent;
import io.storepulse.avro.FraudAlert;
import io.storepulse.avro.InventoryEvent;
import io.storepulse.avro.ProductRevenue;
import io.storepulse.avro.PurchaseEvent;
import io.storepulse.avro.SessionSummary;
import io.storepulse.avro.UserFeatures;

/** One shared codec per record type of the contract. */
public final class Codecs {

    public static final AvroCodec<ClickEvent> CLICK = AvroCodec.of(ClickEvent.class, ClickEvent.getClassSchema());
    public static final AvroCodec<PurchaseEvent> PURCHASE =
            AvroCodec.of(PurchaseEvent.class, PurchaseEvent.getClassSchema());
    public static final AvroCodec<InventoryEvent> INVENTORY =
            AvroCodec.of(InventoryEvent.class, InventoryEvent.getClassSchema());
    public static final AvroCodec<SessionSummary> SESSION =
            AvroCodec.of(SessionSummary.class, SessionSummary.getClassSchema());
    public static final AvroCodec<FraudAlert> FRAUD_ALERT = AvroCodec.of(FraudAlert.class, FraudAlert.getClassSchema());
    public static final AvroCodec<ProductRevenue> REVENUE =
            AvroCodec.of(ProductRevenue.class, ProductRevenue.getClassSchema());
    public static final AvroCodec<UserFeatures> FEATURES =
            AvroCodec.of(UserFeatures.class, UserFeatures.getClassSchema());

    private Codecs() {
    }
}
