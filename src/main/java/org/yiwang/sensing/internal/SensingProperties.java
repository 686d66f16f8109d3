package org.yiwang.sensing.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code yiwang.sensing.*}.
 *
 * @param heartbeatTimeout a device with no reading for this long becomes OFFLINE (default 5 minutes)
 * @param retentionDays    raw readings and roll-ups older than this are dropped (default 400)
 * @param queueCapacity    readings waiting for the writer; beyond it readings are rejected as {@code overload}
 * @param flushMillis      the writer stores queued readings at least this often (default 200 ms)
 * @param mqtt             MQTT ingestion
 */
@ConfigurationProperties("yiwang.sensing")
public record SensingProperties(Duration heartbeatTimeout, Integer retentionDays, Integer queueCapacity, Integer flushMillis,
                                Mqtt mqtt) {

    public SensingProperties {
        heartbeatTimeout = heartbeatTimeout == null ? Duration.ofMinutes(5) : heartbeatTimeout;
        retentionDays = retentionDays == null ? 400 : retentionDays;
        queueCapacity = queueCapacity == null ? 200_000 : queueCapacity;
        flushMillis = flushMillis == null ? 200 : flushMillis;
        mqtt = mqtt == null ? new Mqtt(null, null, null, null, null, null) : mqtt;
    }

    /**
     * @param enabled     start MQTT ingestion at all (default true)
     * @param host        bind address of the embedded broker (default 0.0.0.0)
     * @param port        port of the embedded broker (default 1884; 0 picks a free port at start-up)
     * @param externalUrl {@code tcp://host:port} of an external broker (Mosquitto, EMQX) to subscribe to instead of
     *                    embedding one; that broker then authenticates the devices
     * @param username    user name for the external broker (optional)
     * @param password    password for the external broker (optional)
     */
    public record Mqtt(Boolean enabled, String host, Integer port, String externalUrl, String username, String password) {
        public Mqtt {
            enabled = enabled == null || enabled;
            host = host == null || host.isBlank() ? "0.0.0.0" : host;
            port = port == null ? 1884 : port;
            externalUrl = externalUrl == null || externalUrl.isBlank() ? null : externalUrl;
        }
    }
}
