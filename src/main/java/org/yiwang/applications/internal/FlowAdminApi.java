package org.yiwang.applications.internal;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Admin API for application flows (办件流程): list and deploy BPMN 2.0 files per item version. */
@RestController
@RequestMapping("/api/v1/admin/application-flows")
@Tag(name = "Applications 办件流程", description = "BPMN flows per item version (Flowable); default flow otherwise")
class FlowAdminApi {

    private final FlowAdmin admin;

    FlowAdminApi(FlowAdmin admin) {
        this.admin = admin;
    }

    @GetMapping
    List<ApplicationFlow.FlowRecord> list() {
        return admin.flows();
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Deploy a .bpmn20.xml for an item version (itemId = version id or 实施编码, optional version); catalog:manage")
    ApplicationFlow.FlowRecord deploy(@RequestParam(required = false) String itemId, @RequestParam(required = false) Integer version,
                                      @RequestParam(required = false) MultipartFile file) {
        return admin.deploy(itemId, version, file == null ? null : file.getOriginalFilename(), FlowAdmin.bytes(file));
    }
}
