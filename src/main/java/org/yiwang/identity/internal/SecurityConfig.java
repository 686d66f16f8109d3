package org.yiwang.identity.internal;

import jakarta.servlet.DispatcherType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import org.yiwang.audit.AuditLog;

/**
 * The platform's Spring Security configuration: three filter chains.
 * <ol>
 * <li><b>OpenID Connect provider</b> (Spring Authorization Server): {@code /oauth2/*}, {@code /.well-known/*},
 * {@code /userinfo}, {@code /connect/*}; users sign in through the web form; user info accepts the issued JWT access tokens.</li>
 * <li><b>API</b> ({@code /api/**}, {@code /open311/**}, {@code /govstack/**}, {@code /v3/api-docs/**},
 * {@code /actuator/**}): stateless, opaque bearer tokens from {@code POST /api/v1/auth/login}; 401/403 as
 * problem+json; CSRF only for requests that rely on a browser session cookie (no bearer token).</li>
 * <li><b>Web</b> (everything else): form sign-in at {@code /login} with a TOTP second step, session cookie,
 * CSRF, logout, session-fixation protection, CSP and frame-deny headers, HSTS ({@link HstsProperties}). The session
 * lives in the database (Spring Session JDBC), so it works on every node.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfig {

    static final String[] API_PATHS = {"/api/**", "/open311/**", "/govstack/**", "/v3/api-docs/**", "/actuator/**"};

    /** Pages anyone may open. */
    static final String[] PUBLIC_PAGES = {"/", "/login", "/login/totp", "/register", "/webjars/**", "/css/**", "/js/**", "/img/**",
            "/favicon.ico", "/error", "/swagger-ui/**", "/swagger-ui.html", "/services", "/services/**",
            "/evaluations", "/licenses/verify", "/licenses/verify/**"};

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /** Argon2id (BouncyCastle), Spring Security 5.8 defaults: 16 MiB memory, 2 iterations. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServerChain(HttpSecurity http, OidcClaims userInfo, AccountStore accounts, CallerFactory callers)
            throws Exception {
        http.addFilterAfter(new SessionCallerFilter(accounts, callers), SecurityContextHolderFilter.class)
                .oauth2AuthorizationServer(as -> {
                    http.securityMatcher(as.getEndpointsMatcher());
                    as.oidc(oidc -> oidc.userInfoEndpoint(u -> u.userInfoMapper(userInfo::map)));
                })
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), html()));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiChain(HttpSecurity http, TokenService tokens, AccountStore accounts, CallerFactory callers,
                                 HstsProperties hsts) throws Exception {
        http.securityMatcher(API_PATHS)
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/login", "/api/v1/citizens", "/api/v1/enterprises").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/regions/**", "/api/v1/licenses/verify/**", "/api/v1/calendar/**").permitAll()
                        // the service catalog (事项库, 办事指南) is public: citizens browse without signing in
                        .requestMatchers(HttpMethod.GET, "/api/v1/services", "/api/v1/services/**", "/api/v1/service-zones").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/actuator/health/**", "/actuator/info").permitAll()
                        // Open311 GeoReport v2 is public by design; its POST requires the standard's api_key
                        .requestMatchers("/open311/**").permitAll()
                        // sensing devices authenticate themselves with their secret (X-Device-Secret)
                        .requestMatchers(HttpMethod.POST, "/api/v1/devices/*/readings").permitAll()
                        // payment gateways' notifications are verified by their SM2 signature, not by a sign-in
                        .requestMatchers(HttpMethod.POST, "/api/v1/payments/callbacks/*").permitAll()
                        // 好差评 statistics are published (政务服务评价信息公开)
                        .requestMatchers(HttpMethod.GET, "/api/v1/evaluations/stats").permitAll()
                        .anyRequest().authenticated())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(c -> c.requestCache(new NullRequestCache()))
                // bearer requests carry no ambient credential: CSRF applies only to browser-session calls
                .csrf(c -> c.requireCsrfProtectionMatcher(SecurityConfig::sessionCallNeedingCsrf))
                .addFilterAfter(new SessionCallerFilter(accounts, callers), SecurityContextHolderFilter.class)
                .addFilterBefore(new BearerTokenFilter(tokens, accounts, callers), AnonymousAuthenticationFilter.class)
                .formLogin(f -> f.disable())
                .httpBasic(b -> b.disable())
                .logout(l -> l.disable())
                .headers(h -> h.frameOptions(f -> f.deny()).httpStrictTransportSecurity(t -> hsts(t, hsts)))
                .exceptionHandling(e -> e.authenticationEntryPoint(apiEntryPoint()).accessDeniedHandler(apiAccessDenied()));
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain webChain(HttpSecurity http, WebSignIn.LandingHandler landing, WebSignIn.FailureHandler failure,
                                 AuditLog audit, AccountStore accounts, CallerFactory callers, HstsProperties hsts) throws Exception {
        http.addFilterAfter(new SessionCallerFilter(accounts, callers), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                        .requestMatchers(PUBLIC_PAGES).permitAll()
                        .anyRequest().authenticated())
                .formLogin(f -> f.loginPage("/login").loginProcessingUrl("/login")
                        .successHandler(landing).failureHandler(failure).permitAll())
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/?logout")
                        .addLogoutHandler((request, response, authentication) -> {
                            if (authentication != null && authentication.getPrincipal() instanceof AccountPrincipal p) {
                                audit.recordAs(p.accountId(), p.getName(), "account.logout", "account:" + p.accountId(), true, "channel=web");
                            }
                        }))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
                .headers(h -> h
                        .httpStrictTransportSecurity(t -> hsts(t, hsts))
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(htmxEntryPoint(), SecurityConfig::htmx));
        return http.build();
    }

    /** {@code yiwang.security.hsts.*}: Strict-Transport-Security on HTTPS responses, or none at all. */
    private static void hsts(HeadersConfigurer<HttpSecurity>.HstsConfig config, HstsProperties hsts) {
        if (!hsts.enabled()) {
            config.disable();
            return;
        }
        config.maxAgeInSeconds(hsts.maxAge().toSeconds()).includeSubDomains(hsts.includeSubdomains()).preload(hsts.preload());
    }

    private static MediaTypeRequestMatcher html() {
        MediaTypeRequestMatcher m = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        m.setIgnoredMediaTypes(java.util.Set.of(MediaType.ALL));
        return m;
    }

    private static boolean htmx(jakarta.servlet.http.HttpServletRequest request) {
        return "true".equals(request.getHeader("HX-Request"));
    }

    /** htmx requests with an expired session: tell htmx to load the login page instead of swapping it into a fragment. */
    private static AuthenticationEntryPoint htmxEntryPoint() {
        return (request, response, ex) -> {
            response.setHeader("HX-Redirect", request.getContextPath() + "/login");
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
        };
    }

    private static final RequestMatcher UNSAFE = request -> switch (request.getMethod()) {
        case "GET", "HEAD", "OPTIONS", "TRACE" -> false;
        default -> true;
    };

    private static boolean sessionCallNeedingCsrf(jakarta.servlet.http.HttpServletRequest request) {
        return UNSAFE.matches(request) && BearerTokenFilter.bearer(request) == null && request.getRequestedSessionId() != null
                && request.getSession(false) != null;
    }

    static AuthenticationEntryPoint apiEntryPoint() {
        return (request, response, ex) -> {
            if (Boolean.TRUE.equals(request.getAttribute(BearerTokenFilter.INVALID_TOKEN))) {
                response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "invalid-token", "登录凭据无效或已过期，请重新登录",
                        "The access token is invalid, revoked or expired");
            } else {
                response.setHeader("WWW-Authenticate", "Bearer");
                ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "需要登录", "Authentication required");
            }
        };
    }

    static AccessDeniedHandler apiAccessDenied() {
        return (request, response, ex) -> {
            if (ex instanceof CsrfException) {
                ProblemResponses.write(response, HttpStatus.FORBIDDEN, "csrf", "缺少或无效的 CSRF 令牌", "Missing or invalid CSRF token");
            } else {
                ProblemResponses.write(response, HttpStatus.FORBIDDEN, "forbidden", "无权执行此操作", "You are not allowed to do this");
            }
        };
    }
}
