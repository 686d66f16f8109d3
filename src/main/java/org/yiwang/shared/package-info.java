/**
 * Shared kernel: API error model (RFC 9457), Chinese identifier validators, the caller and its data
 * scope, idempotency keys, the demo-data contract. Depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.yiwang.shared;
