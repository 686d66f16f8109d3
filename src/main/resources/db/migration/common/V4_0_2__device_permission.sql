-- sensing: permission to register and manage IoT devices (感知设备管理)
insert into identity_role_permission (role_code, permission) values
    ('ADMIN', 'device:manage'),
    ('REGION_ADMIN', 'device:manage');
