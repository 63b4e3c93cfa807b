package io.storepulse.processor.it;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.storepulse.stack.FreePorts;

import java.util.Map;

/**
 * A free port for the processor under test, chosen before it starts: the {@code application.server} it advertises
 * must be the port it really listens on, which a port of 0 (chosen by the server when it binds) cannot give.
 */
public class FreeHttpPort implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.http.test-port", Integer.toString(FreePorts.next()));
    }

    @Override
    public void stop() {
        // Nothing held: the port was released as soon as it was found.
    }
}
