package org.yiwang.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The e-mail channel through Spring's JavaMailSender to a minimal SMTP server on the loopback interface. */
@ExtendWith(OutputCaptureExtension.class)
class EmailChannelTest {

    private static Contacts contacts(String email) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("resolver", new ContactResolver() {
            @Override
            public Optional<String> email(String accountId) {
                return "a1".equals(accountId) ? Optional.of(email) : Optional.empty();
            }

            @Override
            public Optional<String> phone(String accountId) {
                return Optional.empty();
            }
        });
        return new Contacts(beans.getBeanProvider(ContactResolver.class));
    }

    private static EmailChannel channel(JavaMailSender sender, String host, Contacts contacts) {
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        if (sender != null) {
            beans.addBean("mailSender", sender);
        }
        return new EmailChannel(beans.getBeanProvider(JavaMailSender.class), contacts,
                new NotificationProperties("noreply@yiwang.example", "", 10), host);
    }

    private static final RenderedMessage MESSAGE = new RenderedMessage("password.changed", "account", Locale.SIMPLIFIED_CHINESE,
            "Password changed", "Your password was changed.", "/account");

    @Test
    void sendsThroughSmtpAndReportsOnlyTheMaskedAddress(CapturedOutput output) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> smtp = CompletableFuture.runAsync(() -> serveOneMessage(server, lines));
            JavaMailSenderImpl sender = new JavaMailSenderImpl();
            sender.setHost("127.0.0.1");
            sender.setPort(server.getLocalPort());
            EmailChannel channel = channel(sender, "127.0.0.1", contacts("zhang.minghua@example.cn"));

            NotificationChannel.ChannelResult r = channel.deliver("a1", MESSAGE);
            smtp.get(20, TimeUnit.SECONDS);
            assertThat(r.status()).isEqualTo(DeliveryReport.DeliveryStatus.DELIVERED);
            assertThat(r.maskedAddress()).isEqualTo("z***@example.cn");
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("MAIL FROM:").contains("noreply@yiwang.example"));
            assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("RCPT TO:").contains("zhang.minghua@example.cn"));
            assertThat(lines).contains("Subject: Password changed");
            assertThat(String.join("\n", lines)).contains("Your password was changed.").contains("/account");

            assertThat(channel.deliver("nobody", MESSAGE).status()).isEqualTo(DeliveryReport.DeliveryStatus.SKIPPED);
        }
        assertThat(output.getAll()).doesNotContain("zhang.minghua@example.cn");
    }

    @Test
    void isSkippedWithoutAnSmtpHost() {
        EmailChannel channel = channel(new JavaMailSenderImpl(), "", contacts("a@b.cn"));
        NotificationChannel.ChannelResult r = channel.deliver("a1", MESSAGE);
        assertThat(r.status()).isEqualTo(DeliveryReport.DeliveryStatus.SKIPPED);
        assertThat(r.detail()).contains("spring.mail.host");
    }

    @Test
    void aRefusingServerIsAFailureNotAnException(CapturedOutput output) throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(closedPort);
        NotificationChannel.ChannelResult r = channel(sender, "127.0.0.1", contacts("zhang.minghua@example.cn")).deliver("a1", MESSAGE);
        assertThat(r.status()).isEqualTo(DeliveryReport.DeliveryStatus.FAILED);
        assertThat(r.maskedAddress()).isEqualTo("z***@example.cn");
        assertThat(output.getAll()).doesNotContain("zhang.minghua@example.cn");
    }

    /** Just enough SMTP (RFC 5321) for one message: greets, accepts every command, collects the lines. */
    private static void serveOneMessage(ServerSocket server, List<String> lines) {
        try (Socket s = server.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8), true)) {
            out.print("220 localhost ESMTP test\r\n");
            out.flush();
            boolean data = false;
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
                if (data) {
                    if (line.equals(".")) {
                        data = false;
                        out.print("250 OK queued\r\n");
                        out.flush();
                    }
                    continue;
                }
                String cmd = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (cmd) {
                    case "EHLO", "HELO" -> out.print("250 localhost\r\n");
                    case "DATA" -> {
                        data = true;
                        out.print("354 go ahead\r\n");
                    }
                    case "QUIT" -> {
                        out.print("221 bye\r\n");
                        out.flush();
                        return;
                    }
                    default -> out.print("250 OK\r\n");
                }
                out.flush();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
