package org.yiwang.shared.imports;

/**
 * What an import did: every row was valid and written (created, updated) or was already up to date (unchanged).
 */
public record ImportResult(int total, int created, int updated, int unchanged) {

    /** "created=… updated=… unchanged=…" for audit details and logs. */
    public String summary() {
        return "total=" + total + " created=" + created + " updated=" + updated + " unchanged=" + unchanged;
    }
}
