package org.yiwang.support;

import java.util.Set;
import java.util.function.Supplier;


import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;

/** Test helper: runs code with a given {@link Caller} in the security context, as the identity module would. */
public final class AsCaller {

    private AsCaller() {
    }

    public static <T> T call(Caller caller, Supplier<T> work) {
        return Callers.callAs(caller, work);
    }

    public static void run(Caller caller, Runnable work) {
        Callers.runAs(caller, work);
    }

    /** An administrator holding the given permissions. */
    public static Caller admin(String... permissions) {
        return new Caller("test-admin", "test-admin", "测试管理员", CallerType.ADMIN, Set.of(), Set.of(permissions), Set.of(), Set.of(), null);
    }

    /** An auditor (审计员) holding the given permissions over the whole city. */
    public static Caller auditor(String... permissions) {
        return new Caller("test-auditor", "test-auditor", "测试审计员", CallerType.OFFICER, Set.of("AUDITOR"), Set.of(permissions),
                Set.of("3399"), Set.of(), null);
    }

    /** An officer holding the given permissions over the given region prefixes. */
    public static Caller officer(Set<String> regionPrefixes, String... permissions) {
        return new Caller("test-officer", "test-officer", "测试工作人员", CallerType.OFFICER, Set.of("REVIEWER"), Set.of(permissions),
                regionPrefixes, Set.of(), null);
    }
}
