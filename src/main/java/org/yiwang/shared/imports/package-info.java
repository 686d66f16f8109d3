/**
 * Bulk imports (CSV and JSON): parse numbered rows, collect every row's errors, fail the whole import
 * with one problem listing them all, or write everything.
 */
package org.yiwang.shared.imports;
