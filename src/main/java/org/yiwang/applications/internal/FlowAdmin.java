package org.yiwang.applications.internal;

import java.io.IOException;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.audit.AuditLog;
import org.yiwang.services.ServiceCatalog;
import org.yiwang.services.ServiceItem;
import org.yiwang.shared.security.Caller;
import org.yiwang.shared.security.Callers;
import org.yiwang.shared.web.ProblemException;

/** Deploying BPMN flows for item versions (流程配置); permission {@code catalog:manage} (ADMIN, REGION_ADMIN). */
@Service
class FlowAdmin {

    static final String MANAGE = "catalog:manage";

    private final ApplicationFlow flow;
    private final ServiceCatalog catalog;
    private final AuditLog audit;

    FlowAdmin(ApplicationFlow flow, ServiceCatalog catalog, AuditLog audit) {
        this.flow = flow;
        this.catalog = catalog;
        this.audit = audit;
    }

    /** Deploys {@code bpmn} for the item version ({@code itemId} = version id, or 实施编码 + {@code version}). */
    @Transactional
    ApplicationFlow.FlowRecord deploy(String itemId, Integer version, String fileName, byte[] bpmn) {
        Caller c = Callers.require(MANAGE);
        if (itemId == null || itemId.isBlank()) {
            throw ProblemException.invalidField("itemId", "必填：事项版本 id 或实施编码", "required: item version id or 实施编码");
        }
        ServiceItem item = catalog.version(itemId.trim()).orElseGet(() -> {
            List<ServiceItem> versions = catalog.versions(itemId.trim());
            if (versions.isEmpty()) {
                return null;
            }
            if (version == null) {
                return catalog.published(itemId.trim()).orElse(versions.get(versions.size() - 1));
            }
            return versions.stream().filter(v -> v.version() == version).findFirst().orElse(null);
        });
        if (item == null) {
            throw ProblemException.invalidField("itemId", "事项或版本不存在", "no such item or version");
        }
        ApplicationFlow.FlowRecord r = flow.deploy(item.implementationCode(), item.version(), fileName, bpmn, c.accountId());
        audit.record("application-flow.deploy", "item:" + item.implementationCode() + "@" + item.version(), true,
                r.processDefinitionId() + " " + r.resourceName());
        return r;
    }

    List<ApplicationFlow.FlowRecord> flows() {
        Callers.require(MANAGE);
        return flow.flows();
    }

    static byte[] bytes(org.springframework.web.multipart.MultipartFile file) {
        if (file == null || file.isEmpty()) {
            return new byte[0];
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw ProblemException.invalidField("file", "无法读取上传的文件", "cannot read the uploaded file");
        }
    }
}
