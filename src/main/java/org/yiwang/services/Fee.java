package org.yiwang.services;

import java.math.BigDecimal;

/**
 * A fee (收费项目) of an item; an item without fees is 不收费.
 *
 * @param name   收费项目名称
 * @param amount amount in yuan (元)
 * @param basis  收费依据 (the document that sets it)
 */
public record Fee(String name, BigDecimal amount, String basis) {
}
