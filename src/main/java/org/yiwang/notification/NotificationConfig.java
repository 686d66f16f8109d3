package org.yiwang.notification;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Defaults other modules (or a deployment) can replace by declaring their own beans. */
@Configuration(proxyBeanMethods = false)
class NotificationConfig {

    /** Resolves no address until the identity module declares its {@link ContactResolver}. */
    @Bean
    @ConditionalOnMissingBean(ContactResolver.class)
    NoContactResolver noContactResolver() {
        return NoContactResolver.INSTANCE;
    }

    /** Records instead of sending, until a real {@link SmsGateway} bean is declared. */
    @Bean
    @ConditionalOnMissingBean(SmsGateway.class)
    LoggingSmsGateway loggingSmsGateway(NotificationProperties props) {
        return new LoggingSmsGateway(props.smsRecentKept());
    }
}
