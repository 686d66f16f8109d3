package org.yiwang.identity.internal;

import java.security.Principal;
import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Spring Authorization Server as the platform's OpenID Connect provider (一次认证，全省通行): registered
 * clients, authorizations and consents in the database (Flyway tables), ID tokens signed RS256 with the
 * persisted key, the issuer taken from the request (so it matches the host the relying party uses).
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfig {

    @Bean
    AuthorizationServerSettings authorizationServerSettings() {
        return AuthorizationServerSettings.builder().build();
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(JdbcOperations jdbc) {
        return new JdbcRegisteredClientRepository(jdbc);
    }

    @Bean
    OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, RegisteredClientRepository clients) {
        return new PrincipalSlimmingAuthorizationService(new JdbcOAuth2AuthorizationService(jdbc, clients));
    }

    @Bean
    OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbc, RegisteredClientRepository clients) {
        return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
    }

    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
        return org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(OidcClaims userInfo) {
        return userInfo::customize;
    }

    /**
     * Stores authorizations with the signed-in user reduced to a plain username token: the web session's
     * principal carries the caller's whole scope, which neither needs to be in the database nor fits the
     * JSON allow-list of the JDBC store. Token and user-info claims are rebuilt from the account by name.
     */
    static final class PrincipalSlimmingAuthorizationService implements OAuth2AuthorizationService {

        private final OAuth2AuthorizationService delegate;

        PrincipalSlimmingAuthorizationService(OAuth2AuthorizationService delegate) {
            this.delegate = delegate;
        }

        @Override
        public void save(OAuth2Authorization authorization) {
            Object principal = authorization.getAttribute(Principal.class.getName());
            if (principal instanceof Authentication auth && !(auth.getPrincipal() instanceof String)) {
                List<GrantedAuthority> authorities = auth.getAuthorities().stream()
                        .map(a -> (GrantedAuthority) new SimpleGrantedAuthority(a.getAuthority())).toList();
                UsernamePasswordAuthenticationToken slim = UsernamePasswordAuthenticationToken.authenticated(auth.getName(), null, authorities);
                authorization = OAuth2Authorization.from(authorization).attribute(Principal.class.getName(), slim).build();
            }
            delegate.save(authorization);
        }

        @Override
        public void remove(OAuth2Authorization authorization) {
            delegate.remove(authorization);
        }

        @Override
        public OAuth2Authorization findById(String id) {
            return delegate.findById(id);
        }

        @Override
        public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
            return delegate.findByToken(token, tokenType);
        }
    }
}
