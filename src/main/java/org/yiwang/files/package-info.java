/**
 * File storage (文件): uploads checked by content (Apache Tika magic-byte detection, size limit),
 * SHA-256 recorded, stored on local disk or an S3-compatible object store behind
 * {@link org.yiwang.files.FileStore}, served only to the owner, officers whose data scope covers the
 * file, or accounts granted access through {@link org.yiwang.files.FileAccess}; everyone else sees 404.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Files 文件")
package org.yiwang.files;
