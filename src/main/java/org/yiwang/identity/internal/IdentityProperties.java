package org.yiwang.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity settings ({@code yiwang.identity.*}).
 *
 * @param maxFailedAttempts   consecutive failed sign-ins that lock an account (default 5)
 * @param lockDuration        how long a locked account stays locked (default 15 minutes)
 * @param tokenIdleTimeout    a bearer token unused for this long expires (default 30 minutes)
 * @param tokenMaxLifetime    a bearer token expires this long after sign-in, used or not (default 8 hours)
 * @param totpIssuer          issuer shown in authenticator apps (default 一网)
 * @param totpPendingTimeout  time allowed between the password step and the TOTP step of web sign-in
 * @param oidcRedirectUris    redirect URIs of the demo relying party {@code demo-rp} (comma-separated); a loopback
 *                            IP address ({@code 127.0.0.1}) matches any port (RFC 8252 §7.3)
 * @param oidcDemoClientSecret client secret of the demo relying party
 */
@ConfigurationProperties("yiwang.identity")
record IdentityProperties(
        @DefaultValue("5") int maxFailedAttempts,
        @DefaultValue("15m") Duration lockDuration,
        @DefaultValue("30m") Duration tokenIdleTimeout,
        @DefaultValue("8h") Duration tokenMaxLifetime,
        @DefaultValue("一网") String totpIssuer,
        @DefaultValue("5m") Duration totpPendingTimeout,
        @DefaultValue("http://127.0.0.1/callback") String oidcRedirectUris,
        @DefaultValue("demo-rp-secret") String oidcDemoClientSecret) {
}
