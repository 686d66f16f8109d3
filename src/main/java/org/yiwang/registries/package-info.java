/**
 * Base registries (一数一源 基础库): the population registry (人口库) and the legal-entity registry (法人库),
 * each record with its providing department (提供部门) and last update. Personal data is kept encrypted
 * with blind indexes (see {@code org.yiwang.crypto.PersonalDataVault}). Other modules use
 * {@link org.yiwang.registries.PersonRegistry} and {@link org.yiwang.registries.LegalEntityRegistry}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Registries 一数一源")
package org.yiwang.registries;
