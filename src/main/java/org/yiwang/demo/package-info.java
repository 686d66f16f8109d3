/** Demo city (示例市): loads every module's demo data once on first start. */
@org.springframework.modulith.ApplicationModule(displayName = "Demo city")
package org.yiwang.demo;
