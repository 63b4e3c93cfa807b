package io.storepulse.stack;

import io.storepulse.model.kafka.KafkaAccess;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecuredKafkaTest {

    @Test
    void theProducerMayWriteAndDescribeItsFourTopicsAndNothingElse() {
        List<AclBinding> acls = SecuredKafka.aclsOf(KafkaAccess.PRODUCER);

        // Three inputs and ground-truth.fraud, each Write and Describe: 8 bindings.
        assertThat(acls).hasSize(8).allSatisfy(acl -> {
            assertThat(acl.entry().principal()).isEqualTo("User:storepulse-producer");
            assertThat(acl.entry().host()).isEqualTo("*");
            assertThat(acl.entry().permissionType()).isEqualTo(AclPermissionType.ALLOW);
            assertThat(acl.pattern().resourceType()).isEqualTo(ResourceType.TOPIC);
            assertThat(acl.pattern().patternType()).isEqualTo(PatternType.LITERAL);
            assertThat(acl.entry().operation()).isIn(AclOperation.WRITE, AclOperation.DESCRIBE);
        });
        assertThat(acls).extracting(acl -> acl.pattern().name()).containsOnly("click-events", "purchase-events",
                "inventory-events", "ground-truth.fraud");
    }

    @Test
    void theProcessorsInternalTopicsAndTransactionalIdsAreGrantedByPrefix() {
        List<AclBinding> acls = SecuredKafka.aclsOf(KafkaAccess.PROCESSOR);

        assertThat(acls).filteredOn(acl -> acl.pattern().patternType() == PatternType.PREFIXED)
                .extracting(acl -> acl.pattern().resourceType() + " " + acl.pattern().name() + " "
                        + acl.entry().operation())
                .containsExactlyInAnyOrder("TOPIC storepulse-processor- ALL",
                        "TRANSACTIONAL_ID storepulse-processor- WRITE", "TRANSACTIONAL_ID storepulse-processor- DESCRIBE");
    }
}
