package org.yiwang.identity.internal;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.yiwang.crypto.CryptoProvider;
import org.yiwang.crypto.PersonalDataKind;
import org.yiwang.crypto.PersonalDataVault;
import org.yiwang.shared.idempotency.IdempotencyService;
import org.yiwang.shared.web.ProblemException;

/**
 * Self-registration of citizens (实名注册) and enterprises, both safe to retry with an {@code Idempotency-Key}:
 * a replay returns the account created the first time (201, header {@code Idempotency-Replayed: true}).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Accounts 用户")
class RegistrationController {

    private final AccountService service;
    private final AccountStore accounts;
    private final AccountViews views;
    private final IdempotencyService idempotency;
    private final PersonalDataVault vault;
    private final CryptoProvider crypto;
    private final String cityRegionPrefix;

    RegistrationController(AccountService service, AccountStore accounts, AccountViews views, IdempotencyService idempotency,
                           PersonalDataVault vault, CryptoProvider crypto,
                           @Value("${yiwang.identity.city-credit-region-prefix:3399}") String cityRegionPrefix) {
        this.service = service;
        this.accounts = accounts;
        this.views = views;
        this.idempotency = idempotency;
        this.vault = vault;
        this.crypto = crypto;
        this.cityRegionPrefix = cityRegionPrefix;
    }

    @PostMapping("/citizens")
    @Transactional
    @Operation(summary = "Register a citizen account (real name checked against the person registry)")
    ResponseEntity<AccountViews.AccountView> registerCitizen(@RequestBody AccountService.CitizenRegistration body,
                                                             @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        if (body == null) {
            throw ProblemException.invalidField("body", "必须提供", "is required");
        }
        String fingerprint = IdempotencyService.fingerprint(String.join("\n", "citizen",
                String.valueOf(AccountStore.normaliseUsername(body.username())), keyed(body.password()),
                keyed(body.name()), String.valueOf(vault.blindIndex(PersonalDataKind.ID_NUMBER, body.idNumber())),
                String.valueOf(vault.blindIndex(PersonalDataKind.PHONE, body.phone()))));
        IdempotencyService.Outcome outcome = idempotency.execute("citizen-registration", key, "anonymous", fingerprint,
                () -> service.registerCitizen(body));
        return created(outcome);
    }

    @PostMapping("/enterprises")
    @Transactional
    @Operation(summary = "Register an enterprise account bound to its 统一社会信用代码, for its legal representative")
    ResponseEntity<AccountViews.AccountView> registerEnterprise(@RequestBody AccountService.EnterpriseRegistration body,
                                                                @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        if (body == null) {
            throw ProblemException.invalidField("body", "必须提供", "is required");
        }
        String fingerprint = IdempotencyService.fingerprint(String.join("\n", "enterprise",
                String.valueOf(AccountStore.normaliseUsername(body.username())), keyed(body.password()), String.valueOf(body.creditCode()),
                String.valueOf(body.entityName()), keyed(body.legalRepName()),
                String.valueOf(vault.blindIndex(PersonalDataKind.ID_NUMBER, body.legalRepIdNumber()))));
        IdempotencyService.Outcome outcome = idempotency.execute("enterprise-registration", key, "anonymous", fingerprint,
                () -> service.registerEnterprise(body, cityRegionPrefix));
        return created(outcome);
    }

    private ResponseEntity<AccountViews.AccountView> created(IdempotencyService.Outcome outcome) {
        Account a = accounts.byId(outcome.resourceId()).orElseThrow(() -> ProblemException.notFound("account", outcome.resourceId()));
        ResponseEntity.BodyBuilder b = ResponseEntity.created(URI.create("/api/v1/accounts/" + a.id()));
        if (outcome.replayed()) {
            b.header("Idempotency-Replayed", "true");
        }
        return b.body(views.view(a, null));
    }

    /** A keyed digest (HMAC-SM3) so the idempotency fingerprint reveals nothing about secrets or personal data. */
    private String keyed(String value) {
        if (value == null) {
            return "null";
        }
        return java.util.HexFormat.of().formatHex(crypto.hmacSm3(crypto.currentIndexKeyId(),
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
