/**
 * Applications (办件, 一网通办): a citizen's or enterprise's application for a catalog item
 * ({@code services.ServiceItem}) from 申请 through (补正), 受理/不予受理, 审查, 决定 (准予/不予), 办结 to 送达, with
 * 暂停 for §45 activities. Each case runs a BPMN flow on Flowable 8 (one per item version, a default flow
 * otherwise); our tables hold the case, its history and the deadline. Publishes {@link org.yiwang.applications.ApplicationChanged}.
 * Everything below {@code internal} is private to this module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Applications 办件")
package org.yiwang.applications;
