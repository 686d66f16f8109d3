/**
 * Governance (一网统管), foundations of city-event handling: unit grids (单元网格, GB/T 30428.1) with their grid
 * workers (网格员), point → grid location with 属地兜底 ({@link org.yiwang.governance.GridLocator}), standard
 * addresses (标准地址), and the event catalog (事件部件分类 + 事权清单, GB/T 30428.2) with filing/closing
 * conditions, time limits and responsible departments ({@link org.yiwang.governance.EventCatalog}).
 * Everything below {@code internal} is private to this module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Governance 一网统管")
package org.yiwang.governance;
