package org.yiwang.sensing.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import io.moquette.BrokerConstants;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * MQTT ingestion. By default an embedded Moquette broker on {@code yiwang.sensing.mqtt.port} (default 1884; 0 = a
 * free port chosen at start-up, see {@link #port()}): each device connects with user name = deviceId and password =
 * its secret, may publish only to {@code yiwang/devices/{deviceId}/readings} and read nothing; an interceptor hands
 * every accepted publish to the {@link IngestionService}. With {@code yiwang.sensing.mqtt.external-url} set, the
 * platform instead subscribes to {@code yiwang/devices/+/readings} on that broker (Mosquitto, EMQX) with the HiveMQ
 * client; that broker must then authenticate the devices and enforce the per-device topic ACL.
 */
@Component
public class MqttIngestion implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MqttIngestion.class);
    static final String TOPIC_PREFIX = "yiwang/devices/";
    static final String TOPIC_SUFFIX = "/readings";

    private final SensingProperties properties;
    private final DeviceService devices;
    private final IngestionService ingestion;
    private volatile Server broker;
    private volatile Mqtt3AsyncClient external;
    private volatile int port = -1;
    private volatile boolean running;

    public MqttIngestion(SensingProperties properties, DeviceService devices, IngestionService ingestion) {
        this.properties = properties;
        this.devices = devices;
        this.ingestion = ingestion;
    }

    /** The topic a device publishes its readings to. */
    public static String topicOf(String deviceId) {
        return TOPIC_PREFIX + deviceId + TOPIC_SUFFIX;
    }

    /** The device id of a readings topic, or null when the topic is not one. */
    static String deviceOf(String topic) {
        if (topic == null || !topic.startsWith(TOPIC_PREFIX) || !topic.endsWith(TOPIC_SUFFIX)) {
            return null;
        }
        String id = topic.substring(TOPIC_PREFIX.length(), topic.length() - TOPIC_SUFFIX.length());
        return DeviceService.DEVICE_ID.matcher(id).matches() ? id : null;
    }

    /** The port the embedded broker listens on (-1 when none is running). */
    public int port() {
        return port;
    }

    @Override
    public void start() {
        if (!properties.mqtt().enabled()) {
            return;
        }
        if (properties.mqtt().externalUrl() != null) {
            startExternal(URI.create(properties.mqtt().externalUrl()));
        } else {
            startEmbedded();
        }
        running = true;
    }

    private void startEmbedded() {
        int wanted = properties.mqtt().port() == 0 ? freePort(properties.mqtt().host()) : properties.mqtt().port();
        Properties p = new Properties();
        p.setProperty(BrokerConstants.HOST_PROPERTY_NAME, properties.mqtt().host());
        p.setProperty(BrokerConstants.PORT_PROPERTY_NAME, String.valueOf(wanted));
        p.setProperty(BrokerConstants.WEB_SOCKET_PORT_PROPERTY_NAME, BrokerConstants.DISABLED_PORT_BIND);
        p.setProperty(BrokerConstants.ALLOW_ANONYMOUS_PROPERTY_NAME, "false");
        p.setProperty(BrokerConstants.PERSISTENCE_ENABLED_PROPERTY_NAME, "false");
        p.setProperty(BrokerConstants.ENABLE_TELEMETRY_NAME, "false");
        p.setProperty(BrokerConstants.NETTY_MAX_BYTES_PROPERTY_NAME, String.valueOf(256 * 1024));
        Server server = new Server();
        try {
            server.startServer(new MemoryConfig(p), List.of(new Interceptor()), null, new Authenticator(), new Authorizer());
        } catch (IOException | RuntimeException e) {
            // a taken port must not take the whole platform down: HTTP ingestion keeps working, port() stays -1
            log.error("Sensing: embedded MQTT broker NOT started on {}:{} ({}); MQTT ingestion is off, HTTP ingestion works",
                    properties.mqtt().host(), wanted, e.toString());
            try {
                server.stopServer();
            } catch (RuntimeException ignored) {
                // nothing was started
            }
            return;
        }
        broker = server;
        port = wanted;
        log.info("Sensing: embedded MQTT broker listening on {}:{}", properties.mqtt().host(), port);
    }

    /** A port free right now on {@code host} (Moquette reports the configured port, not the bound one, so 0 is resolved here). */
    private static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for the embedded MQTT broker", e);
        }
    }

    private void startExternal(URI url) {
        Mqtt3AsyncClient client = MqttClient.builder().useMqttVersion3()
                .identifier("yiwang-sensing-" + UUID.randomUUID().toString().substring(0, 8))
                .serverHost(url.getHost()).serverPort(url.getPort() > 0 ? url.getPort() : 1883)
                .automaticReconnectWithDefaultConfig()
                .buildAsync();
        var connect = client.connectWith();
        if (properties.mqtt().username() != null) {
            connect = connect.simpleAuth().username(properties.mqtt().username())
                    .password(properties.mqtt().password() == null ? new byte[0]
                            : properties.mqtt().password().getBytes(StandardCharsets.UTF_8)).applySimpleAuth();
        }
        connect.send().join();
        client.subscribeWith().topicFilter(TOPIC_PREFIX + "+" + TOPIC_SUFFIX).qos(MqttQos.AT_LEAST_ONCE)
                .callback(publish -> {
                    String deviceId = deviceOf(publish.getTopic().toString());
                    if (deviceId == null) {
                        ingestion.reject(IngestionService.BAD_TOPIC, 1);
                        return;
                    }
                    ingestion.ingest(deviceId, publish.getPayloadAsBytes());
                }).send().join();
        external = client;
        log.info("Sensing: subscribed to {} on external broker {}", TOPIC_PREFIX + "+" + TOPIC_SUFFIX, url);
    }

    @Override
    public void stop() {
        running = false;
        Server server = broker;
        if (server != null) {
            server.stopServer();
            broker = null;
            port = -1;
        }
        Mqtt3AsyncClient client = external;
        if (client != null) {
            client.disconnect();
            external = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Device id + secret (user name / password); failures are counted. */
    final class Authenticator implements IAuthenticator {
        @Override
        public boolean checkValid(String clientId, String username, byte[] password) {
            DeviceService.Credential c = devices.credential(username);
            if (c == null) {
                ingestion.reject(IngestionService.UNKNOWN_DEVICE, 1);
                return false;
            }
            if (password == null || !devices.matches(c, new String(password, StandardCharsets.UTF_8))) {
                ingestion.reject(IngestionService.BAD_CREDENTIALS, 1);
                return false;
            }
            return true;
        }
    }

    /** A device may publish only to its own readings topic and subscribe to nothing. */
    final class Authorizer implements IAuthorizatorPolicy {
        @Override
        public boolean canWrite(Topic topic, String user, String client) {
            boolean ok = user != null && topicOf(user).equals(topic.toString());
            if (!ok) {
                ingestion.reject(IngestionService.BAD_TOPIC, 1);
            }
            return ok;
        }

        @Override
        public boolean canRead(Topic topic, String user, String client) {
            return false;
        }
    }

    /** Hands accepted publishes to the pipeline (the payload buffer is ours to release). */
    final class Interceptor extends AbstractInterceptHandler {
        @Override
        public String getID() {
            return "yiwang-sensing";
        }

        @Override
        public void onPublish(InterceptPublishMessage msg) {
            ByteBuf buf = msg.getPayload();
            try {
                String deviceId = deviceOf(msg.getTopicName());
                if (deviceId == null || !deviceId.equals(msg.getUsername())) {
                    ingestion.reject(IngestionService.BAD_TOPIC, 1);
                    return;
                }
                byte[] bytes = new byte[buf.readableBytes()];
                buf.getBytes(buf.readerIndex(), bytes);
                ingestion.ingest(deviceId, bytes);
            } catch (RuntimeException e) {
                log.warn("Sensing: cannot handle an MQTT message: {}", e.toString());
            } finally {
                buf.release();
            }
        }

        @Override
        public void onSessionLoopError(Throwable error) {
            log.warn("Sensing: MQTT broker session error: {}", error.toString());
        }
    }
}
