package org.yiwang.sensing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import org.yiwang.sensing.internal.DeviceService;
import org.yiwang.sensing.internal.IngestionService;
import org.yiwang.sensing.internal.MqttIngestion;
import org.yiwang.sensing.internal.ReadingWriter;
import org.yiwang.sensing.internal.SensingProperties;
import org.yiwang.support.IntegrationTest;

/**
 * External-broker mode: the platform subscribes to {@code yiwang/devices/+/readings} on a Mosquitto at 127.0.0.1:1883
 * (skipped when none answers there). A second {@link MqttIngestion} configured with {@code external-url} is started
 * beside the embedded one, with the context's own pipeline.
 */
class ExternalBrokerTest extends IntegrationTest {

    @Autowired DeviceService devices;
    @Autowired IngestionService ingestion;
    @Autowired ReadingWriter writer;
    @Autowired SensorReadings readings;

    static boolean mosquittoAnswers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 1883), 500);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void readingsPublishedToAnExternalBrokerAreStoredAndUnknownDevicesCounted() throws Exception {
        Assumptions.assumeTrue(mosquittoAnswers(), "no MQTT broker at 127.0.0.1:1883");
        SensingProperties props = new SensingProperties(null, null, null, null,
                new SensingProperties.Mqtt(true, null, null, "tcp://127.0.0.1:1883", null, null));
        MqttIngestion external = new MqttIngestion(props, devices, ingestion);
        external.start();
        Mqtt3BlockingClient publisher = MqttClient.builder().useMqttVersion3().identifier("ext-test-" + System.nanoTime())
                .serverHost("127.0.0.1").serverPort(1883).buildBlocking();
        try {
            publisher.connect();
            Instant ts = Instant.now().minus(3, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
            long unknown = ingestion.rejects().getOrDefault(IngestionService.UNKNOWN_DEVICE, 0L);
            long before = ingestion.messages();
            publisher.publishWith().topic("yiwang/devices/gas-rest-01/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload(("{\"metric\":\"gas_lel\",\"value\":12.5,\"ts\":\"" + ts + "\"}").getBytes(StandardCharsets.UTF_8)).send();
            publisher.publishWith().topic("yiwang/devices/ghost-device/readings").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"metric\":\"gas_lel\",\"value\":1}".getBytes(StandardCharsets.UTF_8)).send();
            assertThat(ingestion.awaitMessages(before + 2, Duration.ofSeconds(10))).isTrue();
            assertThat(writer.awaitIdle(Duration.ofSeconds(10))).isTrue();
            assertThat(readings.series("gas-rest-01", "gas_lel", ts, ts.plusSeconds(1), SeriesStep.RAW))
                    .singleElement().extracting(SeriesPoint::avg).isEqualTo(12.5);
            assertThat(ingestion.rejects().getOrDefault(IngestionService.UNKNOWN_DEVICE, 0L)).isEqualTo(unknown + 1);
        } finally {
            publisher.disconnect();
            external.stop();
        }
    }
}
