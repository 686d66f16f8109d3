package org.yiwang.crypto;

/**
 * Published (synchronously, inside the reader's transaction) each time a personal-data value is
 * revealed in full; the audit module records it.
 *
 * @param kind       what was read
 * @param subjectRef whose data it is (e.g. {@code person:42}, {@code account:abc})
 * @param purpose    why it was read (e.g. {@code registry-view}, {@code real-name-check})
 */
public record PersonalDataRead(PersonalDataKind kind, String subjectRef, String purpose) {
}
