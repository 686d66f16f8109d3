package org.yiwang.services;

/** Life cycle of one version of an item: only one version of an item is PUBLISHED at a time. */
public enum ItemStatus {
    /** 草稿: editable, not visible to the public. */
    DRAFT,
    /** 已发布: the version citizens see and applications reference. */
    PUBLISHED,
    /** 已废止: replaced by a newer version or withdrawn; kept for applications that reference it. */
    RETIRED
}
