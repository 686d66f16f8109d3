/**
 * Identity (用户体系 / 认证体系): accounts of citizens (自然人, real-name), enterprises (法人, with
 * authorised agents), officers (工作人员, linked to the organization module's officers) and administrators;
 * Argon2 passwords with complexity and lockout rules, TOTP second factor, opaque bearer tokens for the API,
 * web sign-in, single sign-on as an OpenID Connect provider (一次认证，全省通行), and the platform's Spring
 * Security configuration. Every authenticated request carries a {@link org.yiwang.shared.security.Caller}
 * with roles, permissions (role → permission table) and data scope.
 * Everything below {@code internal} is private to this module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity 用户体系")
package org.yiwang.identity;
