package org.yiwang.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.AuthenticationResponse;
import com.nimbusds.openid.connect.sdk.AuthenticationResponseParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.claims.UserInfo;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import org.junit.jupiter.api.Test;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

/**
 * Single sign-on driven by a real relying-party library (Nimbus oauth2-oidc-sdk): discovery, an
 * authorization-code request with PKCE, sign-in through the real login form (cookies + CSRF), the token
 * exchange, ID-token validation against the published JWKS (issuer, audience, nonce, signature), user info.
 */
class OidcRelyingPartyTest extends IntegrationTest {

    static final ClientID CLIENT = new ClientID("demo-rp");
    static final Secret SECRET = new Secret("demo-rp-secret");
    /** A loopback redirect on an arbitrary port: the registration {@code http://127.0.0.1/callback} matches any port. */
    static final URI REDIRECT = URI.create("http://127.0.0.1:53682/callback");

    record Flow(OIDCProviderMetadata provider, OIDCTokenResponse tokens, Nonce nonce) {
    }

    private Flow signInThroughOidc(String username) throws Exception {
        OIDCProviderMetadata provider = OIDCProviderMetadata.resolve(new Issuer(baseUrl()));
        assertThat(provider.getIssuer().getValue()).isEqualTo(baseUrl());
        assertThat(provider.getCodeChallengeMethods()).contains(CodeChallengeMethod.S256);

        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Nonce nonce = new Nonce();
        AuthenticationRequest request = new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid", "profile"), CLIENT, REDIRECT)
                .endpointURI(provider.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();

        WebClient browser = new WebClient(baseUrl());
        HttpResponse<String> toLogin = browser.get(request.toURI().toString());
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(WebClient.location(toLogin)).endsWith("/login");

        HttpResponse<String> signedIn = browser.signIn(username, Api.DEMO_PASSWORD);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
        String back = WebClient.location(signedIn);
        assertThat(back).contains("/oauth2/authorize");

        HttpResponse<String> toCallback = browser.get(back);
        assertThat(toCallback.statusCode()).as(toCallback.body()).isEqualTo(302);
        URI callback = URI.create(WebClient.location(toCallback));
        assertThat(callback.toString()).startsWith(REDIRECT.toString());

        AuthenticationResponse response = AuthenticationResponseParser.parse(callback);
        assertThat(response.indicatesSuccess()).as(callback.toString()).isTrue();
        assertThat(response.getState()).isEqualTo(state);
        AuthorizationCode code = response.toSuccessResponse().getAuthorizationCode();

        // PKCE: the code is useless without the verifier
        TokenResponse withoutVerifier = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(),
                new ClientSecretBasic(CLIENT, SECRET), new AuthorizationCodeGrant(code, REDIRECT, new CodeVerifier())).toHTTPRequest().send());
        assertThat(withoutVerifier.indicatesSuccess()).isFalse();

        // the failed attempt above invalidates nothing it should not: run a fresh flow for the real exchange
        return exchange(provider, browser, username, nonce);
    }

    private Flow exchange(OIDCProviderMetadata provider, WebClient browser, String username, Nonce ignored) throws Exception {
        CodeVerifier verifier = new CodeVerifier();
        State state = new State();
        Nonce nonce = new Nonce();
        AuthenticationRequest request = new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid", "profile"), CLIENT, REDIRECT)
                .endpointURI(provider.getAuthorizationEndpointURI()).state(state).nonce(nonce)
                .codeChallenge(verifier, CodeChallengeMethod.S256).build();
        // already signed in at the provider: single sign-on answers at once
        HttpResponse<String> toCallback = browser.get(request.toURI().toString());
        assertThat(toCallback.statusCode()).isEqualTo(302);
        AuthenticationResponse response = AuthenticationResponseParser.parse(URI.create(WebClient.location(toCallback)));
        assertThat(response.indicatesSuccess()).isTrue();
        assertThat(response.getState()).isEqualTo(state);
        TokenResponse tokenResponse = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(),
                new ClientSecretBasic(CLIENT, SECRET),
                new AuthorizationCodeGrant(response.toSuccessResponse().getAuthorizationCode(), REDIRECT, verifier)).toHTTPRequest().send());
        if (!tokenResponse.indicatesSuccess()) {
            throw new AssertionError("token exchange failed: " + tokenResponse.toErrorResponse().getErrorObject());
        }
        return new Flow(provider, (OIDCTokenResponse) tokenResponse.toSuccessResponse(), nonce);
    }

    private IDTokenValidator validator(OIDCProviderMetadata provider) throws Exception {
        return new IDTokenValidator(provider.getIssuer(), CLIENT, JWSAlgorithm.RS256, provider.getJWKSetURI().toURL());
    }

    @Test
    void citizenSignsInAtARelyingParty() throws Exception {
        Flow flow = signInThroughOidc("demo-citizen");
        JWT idToken = flow.tokens().getOIDCTokens().getIDToken();
        IDTokenClaimsSet claims = validator(flow.provider()).validate(idToken, flow.nonce());
        assertThat(claims.getIssuer().getValue()).isEqualTo(baseUrl());
        assertThat(claims.getAudience()).extracting(a -> a.getValue()).containsExactly("demo-rp");
        String accountId = jdbc.queryForObject("select id from identity_account where username = 'demo-citizen'", String.class);
        assertThat(claims.getSubject().getValue()).isEqualTo(accountId);
        assertThat(claims.getStringClaim("preferred_username")).isEqualTo("demo-citizen");

        // the signing key is the persisted one
        assertThat(((com.nimbusds.jwt.SignedJWT) idToken).getHeader().getKeyID())
                .isEqualTo(jdbc.queryForObject("select kid from identity_signing_key where active = true", String.class));

        // a wrong nonce or a tampered token is refused
        assertThatThrownBy(() -> validator(flow.provider()).validate(idToken, new Nonce())).isInstanceOf(BadJOSEException.class);
        String[] parts = idToken.serialize().split("\\.");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.toJSONString().replace("demo-citizen", "demo-admin").getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
        assertThatThrownBy(() -> validator(flow.provider()).validate(JWTParser.parse(tampered), flow.nonce())).isInstanceOf(BadJOSEException.class);

        UserInfoResponse ui = UserInfoResponse.parse(new UserInfoRequest(flow.provider().getUserInfoEndpointURI(),
                flow.tokens().getOIDCTokens().getBearerAccessToken()).toHTTPRequest().send());
        assertThat(ui.indicatesSuccess()).isTrue();
        UserInfo info = ui.toSuccessResponse().getUserInfo();
        assertThat(info.getSubject().getValue()).isEqualTo(accountId);
        assertThat(info.getName()).isEqualTo("张明华");
        assertThat(info.getPreferredUsername()).isEqualTo("demo-citizen");

        // the refresh token yields new tokens for the same subject
        assertThat(flow.tokens().getOIDCTokens().getRefreshToken()).isNotNull();
        TokenResponse refreshed = OIDCTokenResponseParser.parse(new TokenRequest(flow.provider().getTokenEndpointURI(),
                new ClientSecretBasic(CLIENT, SECRET), new com.nimbusds.oauth2.sdk.RefreshTokenGrant(flow.tokens().getOIDCTokens().getRefreshToken()))
                .toHTTPRequest().send());
        assertThat(refreshed.indicatesSuccess()).isTrue();
        assertThat(refreshed.toSuccessResponse().getTokens().getAccessToken().getValue())
                .isNotEqualTo(flow.tokens().getOIDCTokens().getAccessToken().getValue());
    }

    @Test
    void officerClaimsCarryRegionAndDepartment() throws Exception {
        Flow flow = signInThroughOidc("demo-officer");
        validator(flow.provider()).validate(flow.tokens().getOIDCTokens().getIDToken(), flow.nonce());
        UserInfo info = UserInfoResponse.parse(new UserInfoRequest(flow.provider().getUserInfoEndpointURI(),
                flow.tokens().getOIDCTokens().getBearerAccessToken()).toHTTPRequest().send()).toSuccessResponse().getUserInfo();
        assertThat(info.getPreferredUsername()).isEqualTo("demo-officer");
        assertThat(info.getStringClaim("region")).startsWith("339902");
        assertThat(info.getStringClaim("department")).isNotBlank();
        assertThat(info.getStringClaim("account_type")).isEqualTo("OFFICER");
    }

    @Test
    void unregisteredRedirectAndWrongSecretAreRefused() throws Exception {
        OIDCProviderMetadata provider = OIDCProviderMetadata.resolve(new Issuer(baseUrl()));
        AuthenticationRequest evil = new AuthenticationRequest.Builder(new ResponseType("code"), new Scope("openid"), CLIENT,
                URI.create("https://evil.example/callback")).endpointURI(provider.getAuthorizationEndpointURI()).state(new State())
                .nonce(new Nonce()).codeChallenge(new CodeVerifier(), CodeChallengeMethod.S256).build();
        HttpResponse<String> r = new WebClient(baseUrl()).get(evil.toURI().toString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(String.valueOf(WebClient.location(r))).doesNotContain("evil.example");

        TokenResponse badClient = OIDCTokenResponseParser.parse(new TokenRequest(provider.getTokenEndpointURI(),
                new ClientSecretBasic(CLIENT, new Secret("wrong")), new AuthorizationCodeGrant(new AuthorizationCode("x"), REDIRECT,
                new CodeVerifier())).toHTTPRequest().send());
        assertThat(badClient.indicatesSuccess()).isFalse();
        assertThat(badClient.toErrorResponse().getErrorObject().getCode()).isEqualTo("invalid_client");
        assertThat(List.of(provider.getIDTokenJWSAlgs().toArray())).contains(JWSAlgorithm.RS256);
    }
}
