/**
 * Commercial cryptography (商用密码): SM2 signatures, SM3 digests and HMAC, SM4-GCM encryption behind
 * one {@link org.yiwang.crypto.CryptoProvider} interface (BouncyCastle software implementation; a
 * certified hardware module can replace it), keys by key id, the personal-data vault (encryption at rest
 * with an HMAC-SM3 blind index) and display masking.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Crypto 商用密码")
package org.yiwang.crypto;
