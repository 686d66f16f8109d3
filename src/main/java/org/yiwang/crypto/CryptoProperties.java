package org.yiwang.crypto;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param keyringFile where the software keyring lives; created with fresh random keys on first start.
 *                    Default {@code ${yiwang.home}/keys/keyring.properties}.
 */
@ConfigurationProperties("yiwang.crypto")
public record CryptoProperties(String keyringFile) {
}
