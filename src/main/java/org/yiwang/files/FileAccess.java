package org.yiwang.files;

import org.yiwang.shared.security.Caller;

/**
 * Sharing files with accounts beyond the owner and the officers whose scope covers the file, e.g. when a
 * file becomes material of a case: the case module grants it to the accounts that must see it. Grants are
 * called by module code (no permission check here); they are audited.
 */
public interface FileAccess {

    /** Lets {@code accountId} read the file (idempotent). 404 problem when the file does not exist. */
    void grant(String fileId, String accountId);

    /** Takes a grant back (idempotent). */
    void revoke(String fileId, String accountId);

    /** True when {@code caller} may read the file: owner, data scope, or grant. False for unknown files. */
    boolean canRead(String fileId, Caller caller);
}
