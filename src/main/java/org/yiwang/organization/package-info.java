/**
 * Organization (组织体系): the city's regions by 12-digit 统计用区划代码 (市 / 县(区) / 镇(街道) / 村(社区)),
 * departments (委办局) with their 统一社会信用代码, officers (工作人员) with their assignments (department +
 * region + roles) and reporting lines. Other modules read it through {@link org.yiwang.organization.OrganizationDirectory};
 * everything below {@code internal} is private to this module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Organization 组织体系")
package org.yiwang.organization;
