-- services: permission to manage the service catalog (事项库管理)
insert into identity_role_permission (role_code, permission) values
    ('ADMIN', 'catalog:manage'),
    ('REGION_ADMIN', 'catalog:manage');
