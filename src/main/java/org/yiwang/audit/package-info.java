/** Audit trail (行为监控) with an SM3 hash chain and its verification. */
@org.springframework.modulith.ApplicationModule(displayName = "Audit 行为监控")
package org.yiwang.audit;
