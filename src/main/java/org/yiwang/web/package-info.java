/**
 * Web shell: the page layout, language switch (zh-CN default, English), and the home pages of the
 * three audiences — the citizen/enterprise portal (办事大厅), the officer workbench (工作台) and the admin area.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web shell")
package org.yiwang.web;
