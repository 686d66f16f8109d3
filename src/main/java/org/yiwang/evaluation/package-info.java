/**
 * Service evaluation (好差评, GB/T 39734-2020 and GB/T 39735-2020): after 办结 the applicant rates on five levels per
 * indicator; every 差评 opens a rectification task (整改) for the department with 回访 and 整改 deadlines in working
 * days, followed by one follow-up rating; public statistics per department and item. Other modules enable an
 * evaluation through {@link org.yiwang.evaluation.Evaluations}. Everything below {@code internal} is private.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Evaluation 好差评")
package org.yiwang.evaluation;
