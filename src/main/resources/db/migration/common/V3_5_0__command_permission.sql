-- command: who may open the command center (运行管理中心); what they see is still scoped by AccessScope
insert into identity_role_permission (role_code, permission) values
    ('ADMIN', 'command:view'),
    ('REGION_ADMIN', 'command:view'),
    ('SUPERVISOR', 'command:view'),
    ('DISPATCHER', 'command:view'),
    ('DEPT_HANDLER', 'command:view');
