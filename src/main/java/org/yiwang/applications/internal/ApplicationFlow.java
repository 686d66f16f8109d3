package org.yiwang.applications.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.flowable.bpmn.model.BpmnModel;
import org.flowable.bpmn.model.Process;
import org.flowable.bpmn.model.UserTask;
import org.flowable.common.engine.api.FlowableException;
import org.flowable.engine.RepositoryService;
import org.flowable.engine.RuntimeService;
import org.flowable.engine.TaskService;
import org.flowable.engine.delegate.DelegateExecution;
import org.flowable.engine.repository.Deployment;
import org.flowable.engine.repository.ProcessDefinition;
import org.flowable.task.api.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * The bridge to Flowable (流程引擎): deploys the default flow and per-item flows, starts a case's process, finds and
 * completes its current user task, suspends and activates it. Registered as bean {@code applicationFlow} so BPMN
 * expressions can call {@link #deemAccepted(DelegateExecution)} (the §32 timer).
 *
 * <p>Flowable shares the Spring transaction of the caller (same DataSource), so a case row and its process move
 * together or not at all.
 */
@Component("applicationFlow")
public class ApplicationFlow implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(ApplicationFlow.class);

    /** Key of the default flow (办件默认流程). */
    public static final String DEFAULT_KEY = "yiwang-application-default";
    static final String DEFAULT_RESOURCE = "applications/default-application.bpmn20.xml";
    /** User task ids yiwang knows (each maps to a state); a flow must have all but {@code correction}. */
    static final Set<String> KNOWN_TASKS = Set.of("acceptance", "correction", "review", "decide", "deliver");
    static final Set<String> REQUIRED_TASKS = Set.of("acceptance", "review", "decide", "deliver");

    /** A flow deployed for an item version. */
    record FlowRecord(String id, String itemCode, int itemVersion, String processDefinitionId, String deploymentId,
                      String resourceName, String deployedBy, Instant deployedAt) {
    }

    private final RepositoryService repository;
    private final RuntimeService runtime;
    private final TaskService tasks;
    private final JdbcClient jdbc;
    private final ObjectProvider<ApplicationService> service;

    ApplicationFlow(RepositoryService repository, RuntimeService runtime, TaskService tasks, JdbcClient jdbc,
                    ObjectProvider<ApplicationService> service) {
        this.repository = repository;
        this.runtime = runtime;
        this.tasks = tasks;
        this.jdbc = jdbc;
        this.service = service;
    }

    /** Deploys the default flow at start; Flowable skips it when the resource did not change (duplicate filtering). */
    @Override
    public void afterSingletonsInstantiated() {
        try (InputStream in = new ClassPathResource(DEFAULT_RESOURCE).getInputStream()) {
            Deployment d = repository.createDeployment().name("yiwang default application flow").category("yiwang")
                    .addInputStream("default-application.bpmn20.xml", in).enableDuplicateFiltering().deploy();
            log.debug("default application flow deployment {}", d.getId());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** The process definition for an item version: its own flow, else the latest default flow. */
    String definitionFor(String itemCode, int itemVersion) {
        return flow(itemCode, itemVersion).map(FlowRecord::processDefinitionId).orElseGet(() ->
                repository.createProcessDefinitionQuery().processDefinitionKey(DEFAULT_KEY).latestVersion().singleResult().getId());
    }

    Optional<FlowRecord> flow(String itemCode, int itemVersion) {
        return jdbc.sql("select * from app_flow where item_code = ? and item_version = ?").params(itemCode, itemVersion)
                .query((rs, i) -> new FlowRecord(rs.getString("id"), rs.getString("item_code"), rs.getInt("item_version"),
                        rs.getString("process_definition_id"), rs.getString("deployment_id"), rs.getString("resource_name"),
                        rs.getString("deployed_by"), rs.getTimestamp("deployed_at").toInstant())).optional();
    }

    List<FlowRecord> flows() {
        return jdbc.sql("select * from app_flow order by item_code, item_version")
                .query((rs, i) -> new FlowRecord(rs.getString("id"), rs.getString("item_code"), rs.getInt("item_version"),
                        rs.getString("process_definition_id"), rs.getString("deployment_id"), rs.getString("resource_name"),
                        rs.getString("deployed_by"), rs.getTimestamp("deployed_at").toInstant())).list();
    }

    /**
     * Deploys a BPMN 2.0 flow for an item version (replacing the version's previous flow for new cases; running
     * cases keep theirs). The file must parse, hold one executable process and use only the known user tasks, with
     * acceptance, review, decide and deliver present — else 400 naming {@code file}. Runs in the caller's transaction.
     */
    FlowRecord deploy(String itemCode, int itemVersion, String fileName, byte[] bpmn, String accountId) {
        String name = fileName == null || fileName.isBlank() ? "flow.bpmn20.xml" : fileName.replaceAll("[^A-Za-z0-9._-]", "_");
        if (!name.endsWith(".bpmn20.xml") && !name.endsWith(".bpmn")) {
            name = name + ".bpmn20.xml";
        }
        if (bpmn == null || bpmn.length == 0) {
            throw ProblemException.invalidField("file", "请上传 BPMN 2.0 流程文件（.bpmn20.xml）", "upload a BPMN 2.0 file (.bpmn20.xml)");
        }
        Deployment d;
        try {
            d = repository.createDeployment().name("item " + itemCode + " v" + itemVersion).category(itemCode)
                    .addInputStream(name, new ByteArrayInputStream(bpmn)).deploy();
        } catch (FlowableException | org.flowable.bpmn.exceptions.XMLException | IllegalArgumentException e) {
            throw ProblemException.invalidField("file", "BPMN 文件无效：" + e.getMessage(), "invalid BPMN file: " + e.getMessage());
        }
        List<ProcessDefinition> defs = repository.createProcessDefinitionQuery().deploymentId(d.getId()).list();
        if (defs.size() != 1) {
            throw ProblemException.invalidField("file", "文件须恰好包含一个可执行流程（实际 " + defs.size() + " 个）",
                    "the file must hold exactly one executable process (found " + defs.size() + ")");
        }
        ProcessDefinition def = defs.get(0);
        BpmnModel model = repository.getBpmnModel(def.getId());
        Process process = model.getProcessById(def.getKey());
        Set<String> found = new TreeSet<>();
        for (UserTask t : process.findFlowElementsOfType(UserTask.class)) {
            found.add(t.getId());
        }
        List<FieldViolation> bad = new ArrayList<>();
        Set<String> unknown = new TreeSet<>(found);
        unknown.removeAll(KNOWN_TASKS);
        if (!unknown.isEmpty()) {
            bad.add(new FieldViolation("file", "未知的用户任务 " + unknown + "（可用 " + new TreeSet<>(KNOWN_TASKS) + "）",
                    "unknown user tasks " + unknown + " (allowed " + new TreeSet<>(KNOWN_TASKS) + ")"));
        }
        Set<String> missing = new TreeSet<>(REQUIRED_TASKS);
        missing.removeAll(found);
        if (!missing.isEmpty()) {
            bad.add(new FieldViolation("file", "缺少用户任务 " + missing, "missing user tasks " + missing));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad); // the transaction rolls back, the deployment with it
        }
        Instant now = Instant.now();
        jdbc.sql("delete from app_flow where item_code = ? and item_version = ?").params(itemCode, itemVersion).update();
        String id = UUID.randomUUID().toString();
        jdbc.sql("insert into app_flow (id, item_code, item_version, process_definition_id, deployment_id, resource_name, deployed_by, "
                        + "deployed_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, itemCode, itemVersion, def.getId(), d.getId(), name, accountId, java.sql.Timestamp.from(now)).update();
        return new FlowRecord(id, itemCode, itemVersion, def.getId(), d.getId(), name, accountId, now);
    }

    /** The BPMN XML of a process definition. */
    String xml(String processDefinitionId) {
        ProcessDefinition def = repository.getProcessDefinition(processDefinitionId);
        try (InputStream in = repository.getResourceAsStream(def.getDeploymentId(), def.getResourceName())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts the case's process (business key = case id); returns the process instance id. */
    String start(String processDefinitionId, String caseId, Instant acceptanceDue) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("caseId", caseId);
        vars.put("acceptanceDue", Date.from(acceptanceDue));
        return runtime.startProcessInstanceById(processDefinitionId, caseId, vars).getId();
    }

    /** The active user task of a process instance, if any. */
    Optional<Task> currentTask(String processInstanceId) {
        List<Task> list = tasks.createTaskQuery().processInstanceId(processInstanceId).active().list();
        return list.stream().findFirst();
    }

    /** Completes the task with the outcome (and more variables). */
    void complete(Task task, String outcome, Map<String, Object> more) {
        Map<String, Object> vars = new HashMap<>(more);
        vars.put("outcome", outcome);
        tasks.complete(task.getId(), vars);
    }

    void setVariable(String processInstanceId, String name, Object value) {
        runtime.setVariable(processInstanceId, name, value);
    }

    void claim(Task task, String accountId) {
        tasks.setAssignee(task.getId(), accountId);
    }

    void unclaim(Task task) {
        tasks.setAssignee(task.getId(), null);
    }

    void suspend(String processInstanceId) {
        runtime.suspendProcessInstanceById(processInstanceId);
    }

    void activate(String processInstanceId) {
        runtime.activateProcessInstanceById(processInstanceId);
    }

    boolean ended(String processInstanceId) {
        return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).count() == 0;
    }

    /** Called by the §32 boundary timer of the {@code acceptance} task (BPMN expression). */
    public void deemAccepted(DelegateExecution execution) {
        // the async executor's thread has no caller: the platform acts as 系统
        org.yiwang.shared.security.Callers.runAs(org.yiwang.shared.security.Caller.SYSTEM,
                () -> service.getObject().deemAccepted(execution.getProcessInstanceBusinessKey()));
    }
}
