/**
 * Payments (统一公共支付): bills (缴款单) for the fees (收费项目) of service items, paid through a
 * {@link org.yiwang.payments.PaymentGateway} that confirms each payment with a signed notification (回调通知).
 * Other modules open bills and ask whether a case is settled through {@link org.yiwang.payments.Payments} and
 * react to {@link org.yiwang.payments.BillSettled}. Everything below {@code internal} is private to this module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Payments 统一公共支付")
package org.yiwang.payments;
