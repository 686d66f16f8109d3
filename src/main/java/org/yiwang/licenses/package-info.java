/**
 * Electronic licenses (电子证照): license types (证照类型), issuance on approval with a GB/T 36904 identifier
 * (ISO 7064 MOD 37,36 check character), the issuing department's SM2 electronic seal (电子印章) over the
 * canonical license data, a rendered PDF document with the seal and a QR code to the public verify page,
 * revocation (撤销) and reuse as application materials (免提交). Other modules use {@link org.yiwang.licenses.Licenses}
 * and listen to {@link org.yiwang.licenses.LicenseIssued} / {@link org.yiwang.licenses.LicenseRevoked}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Licenses 电子证照")
package org.yiwang.licenses;
