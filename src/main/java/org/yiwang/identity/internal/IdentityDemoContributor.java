package org.yiwang.identity.internal;

import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.stereotype.Component;

import org.yiwang.organization.OrganizationDirectory;
import org.yiwang.shared.demo.DemoContributor;
import org.yiwang.shared.security.Caller;

/**
 * The demo city's accounts (password {@code yiwang.demo.password}) and the demo OIDC relying party
 * {@code demo-rp}, created through the module's real services: demo-citizen (张明华, linked to the person
 * registry by ID number), demo-enterprise (示例科技有限公司, legal representative 王建国), officer accounts
 * linked to the organization officer whose employee number equals the username, and demo-admin.
 */
@Component
class IdentityDemoContributor implements DemoContributor {

    private static final Logger log = LoggerFactory.getLogger(IdentityDemoContributor.class);

    static final List<String> OFFICERS = List.of("demo-clerk", "demo-officer", "demo-officer-xishan", "demo-supervisor",
            "demo-dispatcher", "demo-gridworker", "demo-city-officer", "demo-street-officer", "demo-community-officer");

    private final AccountService accounts;
    private final OrganizationDirectory organization;
    private final RegisteredClientRepository clients;
    private final PasswordEncoder passwords;
    private final IdentityProperties props;
    private final String password;

    IdentityDemoContributor(AccountService accounts, OrganizationDirectory organization, RegisteredClientRepository clients,
                            PasswordEncoder passwords, IdentityProperties props, @Value("${yiwang.demo.password:Yiwang@2026}") String password) {
        this.accounts = accounts;
        this.organization = organization;
        this.clients = clients;
        this.passwords = passwords;
        this.props = props;
        this.password = password;
    }

    @Override
    public int order() {
        return 300;
    }

    @Override
    public String name() {
        return "identity (demo accounts, demo-rp OIDC client)";
    }

    @Override
    public void load() {
        if (!PasswordPolicy.problems(password, "demo-enterprise").isEmpty()) {
            throw new IllegalStateException("yiwang.demo.password (YIWANG_DEMO_PASSWORD) does not meet the password rules: at least "
                    + PasswordPolicy.MIN_LENGTH + " characters with upper- and lower-case letters, a digit and a symbol");
        }
        accounts.registerCitizen(new AccountService.CitizenRegistration("demo-citizen", password, "张明华", "339902199003071232", "13800000001"));
        accounts.registerEnterprise(new AccountService.EnterpriseRegistration("demo-enterprise", password, "91339902MA2YW0001P",
                "示例科技有限公司", "王建国", "339902197806153216"), null);
        for (String username : OFFICERS) {
            organization.officerByEmployeeNo(username).ifPresentOrElse(
                    officer -> accounts.createStaffAccount(new AccountService.StaffAccount("OFFICER", username, password, officer.id(), null),
                            Caller.SYSTEM),
                    () -> log.warn("Demo account {} not created: no organization officer with that employee number", username));
        }
        accounts.createStaffAccount(new AccountService.StaffAccount("ADMIN", "demo-admin", password, null, "系统管理员"), Caller.SYSTEM);
        if (clients.findByClientId("demo-rp") == null) {
            clients.save(demoRelyingParty());
        }
    }

    private RegisteredClient demoRelyingParty() {
        RegisteredClient.Builder b = RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId("demo-rp")
                .clientName("示例接入应用 (demo relying party)")
                .clientSecret(passwords.encode(props.oidcDemoClientSecret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .postLogoutRedirectUri("http://127.0.0.1/")
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build());
        for (String uri : props.oidcRedirectUris().split(",")) {
            if (!uri.isBlank()) {
                b.redirectUri(uri.trim());
            }
        }
        return b.build();
    }
}
