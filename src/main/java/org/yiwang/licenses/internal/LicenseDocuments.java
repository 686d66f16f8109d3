package org.yiwang.licenses.internal;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import org.yiwang.licenses.License;
import org.yiwang.licenses.LicenseType;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.web.ProblemException;

/** Renders a license's document for a caller who may see it (holder: own ID number in full, audited). */
@Component
class LicenseDocuments {

    private final LicenseService service;
    private final LicenseDocument renderer;

    LicenseDocuments(LicenseService service, LicenseDocument renderer) {
        this.service = service;
        this.renderer = renderer;
    }

    @Transactional(readOnly = true)
    byte[] render(Caller caller, String id) {
        LicenseStore.Row row = service.row(id).filter(r -> service.maySee(caller, r))
                .orElseThrow(() -> ProblemException.notFound("电子证照", id));
        License license = service.toLicense(row);
        LicenseType type = service.type(row.typeCode()).orElseThrow();
        String url = ServletUriComponentsBuilder.fromCurrentContextPath().path("/licenses/verify/{id}").buildAndExpand(id).toUriString();
        return renderer.render(license, type, new LicenseDocument.Extras(service.holderIdentifierFor(caller, row), url,
                row.signature(), row.digest()));
    }
}
