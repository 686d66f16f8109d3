package org.yiwang.identity.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * HTTP Strict Transport Security (HSTS, RFC 6797) settings ({@code yiwang.security.hsts.*}). The header is sent on
 * HTTPS responses only (directly or behind a trusted proxy that sets {@code X-Forwarded-Proto: https}); browsers
 * ignore it over plain HTTP.
 *
 * @param enabled           send {@code Strict-Transport-Security} (default true; switch off while a city still serves
 *                          some hosts over plain HTTP)
 * @param maxAge            how long browsers remember to use HTTPS only (default 365 days)
 * @param includeSubdomains apply it to every sub-domain too (default true)
 * @param preload           add {@code preload} (only once the domain is submitted to the browsers' preload lists)
 */
@ConfigurationProperties("yiwang.security.hsts")
record HstsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("365d") Duration maxAge,
        @DefaultValue("true") boolean includeSubdomains,
        @DefaultValue("false") boolean preload) {
}
