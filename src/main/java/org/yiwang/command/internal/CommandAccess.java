package org.yiwang.command.internal;

import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.CallerType;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/** Who may open the command center: officers and administrators holding {@code command:view} (V3_5_0). */
final class CommandAccess {

    static final String VIEW = "command:view";

    private CommandAccess() {
    }

    static Caller require() {
        Caller c = Callers.current();
        if (!c.can(VIEW) || !(c.type() == CallerType.OFFICER || c.type() == CallerType.ADMIN)) {
            throw ProblemException.forbidden("缺少权限：" + VIEW, "Missing permission: " + VIEW);
        }
        return c;
    }
}
