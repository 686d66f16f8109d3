package org.yiwang.crypto;

/**
 * A personal-data value as stored: the SM4-GCM ciphertext and the HMAC-SM3 blind index used for exact
 * lookups (e.g. "find the person with this ID number") without decrypting.
 */
public record Protected(String cipherText, String blindIndex) {
}
