/**
 * The service catalog (事项库) of 一网通办: government service items (政务服务事项) with their 基本编码 and
 * 实施编码, legal basis, time limits, fees, materials and application form (JSON Schema), kept the same
 * across levels (三级四同), versioned (DRAFT → PUBLISHED → RETIRED), and searchable in Chinese (Lucene
 * with the smartcn analyser and a synonym list). Other modules use {@link org.yiwang.services.ServiceCatalog}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Services 事项库")
package org.yiwang.services;
