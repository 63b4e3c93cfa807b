package io.storepulse.service.json;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A processor instance as the others know it: the HTTP address it advertises ({@code application.server}). */
public record ProcessorInstance(@JsonProperty("host") String host, @JsonProperty("port") int port) {

    @JsonIgnore
    public String address() {
        return host + ":" + port;
    }
}
