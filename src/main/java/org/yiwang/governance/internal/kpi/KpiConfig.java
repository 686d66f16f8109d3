package org.yiwang.governance.internal.kpi;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import org.yiwang.audit.AuditLog;
import org.yiwang.shared.web.FieldViolation;
import org.yiwang.shared.web.ProblemException;

/**
 * The 综合指标值 configuration (data in {@code gov_kpi_indicator} and {@code gov_kpi_grade}): each rate is scored 0–100
 * against its target — higher-is-better rates earn {@code 100 × min(1, rate / target)}, lower-is-better rates earn 100 up to
 * the target and {@code 100 × (1 − rate) / (1 − target)} above it — and the score is the weighted mean over the rates that
 * are defined for the row; the grade is the highest band whose minimum the score reaches.
 */
@Component
public class KpiConfig {

    /** The rate codes, in display order. */
    public static final List<String> RATES = List.of("filingRate", "dispatchRate", "closingRate", "onTimeRate", "reworkRate",
            "extensionRate");

    /** One weighted rate. */
    public record Indicator(String code, String nameZh, String nameEn, Double weight, Double target, Boolean higherBetter, Integer sortOrder) {
    }

    /** One grade band. */
    public record Grade(String grade, Double minScore, String labelZh, String labelEn, String colour) {
    }

    /** The whole configuration. */
    public record Config(List<Indicator> indicators, List<Grade> grades) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    KpiConfig(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public Config load() {
        List<Indicator> ind = jdbc.sql("select * from gov_kpi_indicator order by sort_order, code")
                .query((rs, i) -> new Indicator(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
                        rs.getDouble("weight"), rs.getDouble("target"), rs.getBoolean("higher_better"), rs.getInt("sort_order"))).list();
        List<Grade> grades = jdbc.sql("select * from gov_kpi_grade order by min_score desc")
                .query((rs, i) -> new Grade(rs.getString("grade"), rs.getDouble("min_score"), rs.getString("label_zh"),
                        rs.getString("label_en"), rs.getString("colour"))).list();
        return new Config(ind, grades);
    }

    /** Score 0–100 of one rate. */
    static double score(Indicator ind, double rate) {
        if (ind.higherBetter()) {
            return ind.target() <= 0 ? 100 : 100 * Math.min(1, rate / ind.target());
        }
        if (rate <= ind.target()) {
            return 100;
        }
        return ind.target() >= 1 ? 100 : 100 * Math.max(0, (1 - rate) / (1 - ind.target()));
    }

    /** The weighted score over the defined rates, or null when none with a weight is defined. */
    static Double composite(Config cfg, Map<String, Double> rates) {
        double sum = 0, weights = 0;
        for (Indicator ind : cfg.indicators()) {
            Double r = rates.get(ind.code());
            if (r != null && ind.weight() > 0) {
                sum += ind.weight() * score(ind, r);
                weights += ind.weight();
            }
        }
        return weights == 0 ? null : Math.round(sum / weights * 100) / 100.0;
    }

    static Grade grade(Config cfg, Double score) {
        if (score == null) {
            return null;
        }
        for (Grade g : cfg.grades()) { // ordered by min_score descending
            if (score >= g.minScore()) {
                return g;
            }
        }
        return null;
    }

    /** Replaces the configuration after checking every field (400 naming {@code indicators[i].weight} etc.); audited. */
    @Transactional
    public Config save(Config cfg) {
        List<FieldViolation> bad = new ArrayList<>();
        if (cfg == null || cfg.indicators() == null || cfg.grades() == null) {
            throw ProblemException.invalidField("indicators", "须同时提供 indicators 与 grades", "indicators and grades are required");
        }
        Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < cfg.indicators().size(); i++) {
            Indicator ind = cfg.indicators().get(i);
            String f = "indicators[" + i + "]";
            if (ind == null || ind.code() == null || !RATES.contains(ind.code()) || !seen.add(ind.code())) {
                bad.add(new FieldViolation(f + ".code", "应为 " + RATES + " 之一且不重复", "must be one of " + RATES + ", once"));
                continue;
            }
            if (ind.weight() == null || !(ind.weight() >= 0 && ind.weight() <= 1000)) {
                bad.add(new FieldViolation(f + ".weight", "权重应为 0 到 1000", "weight must be 0 to 1000"));
            }
            if (ind.target() == null || !(ind.target() > 0 && ind.target() <= 1)) {
                bad.add(new FieldViolation(f + ".target", "目标值应大于 0 且不超过 1", "target must be above 0 and at most 1"));
            }
        }
        if (bad.isEmpty() && cfg.indicators().stream().mapToDouble(Indicator::weight).sum() <= 0) {
            bad.add(new FieldViolation("indicators", "权重之和须大于 0", "the weights must add up to more than 0"));
        }
        Set<String> grades = new java.util.HashSet<>();
        boolean zero = false;
        for (int i = 0; i < cfg.grades().size(); i++) {
            Grade g = cfg.grades().get(i);
            String f = "grades[" + i + "]";
            if (g == null || g.grade() == null || !g.grade().matches("[A-Za-z0-9+\\-]{1,8}") || !grades.add(g.grade())) {
                bad.add(new FieldViolation(f + ".grade", "等级代码 1–8 位字母数字且不重复", "grade code of 1–8 letters or digits, once"));
                continue;
            }
            if (g.minScore() == null || !(g.minScore() >= 0 && g.minScore() <= 100)) {
                bad.add(new FieldViolation(f + ".minScore", "应为 0 到 100", "must be 0 to 100"));
            }
            zero |= g.minScore() != null && g.minScore() == 0;
            if (g.labelZh() == null || g.labelZh().isBlank() || g.labelZh().length() > 20) {
                bad.add(new FieldViolation(f + ".labelZh", "必填，不超过 20 字", "required, at most 20 characters"));
            }
            if (g.labelEn() == null || g.labelEn().isBlank() || g.labelEn().length() > 40) {
                bad.add(new FieldViolation(f + ".labelEn", "必填，不超过 40 字", "required, at most 40 characters"));
            }
            if (g.colour() == null || !g.colour().matches("#[0-9a-fA-F]{6}")) {
                bad.add(new FieldViolation(f + ".colour", "颜色应为 #RRGGBB", "colour must be #RRGGBB"));
            }
        }
        if (bad.isEmpty() && !zero) {
            bad.add(new FieldViolation("grades", "须有一个最低分为 0 的等级", "one grade must start at score 0"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalidFields(bad);
        }
        jdbc.sql("delete from gov_kpi_indicator").update();
        int order = 1;
        for (Indicator ind : cfg.indicators()) {
            String zh = ind.nameZh() == null || ind.nameZh().isBlank() ? defaultName(ind.code(), true) : ind.nameZh().trim();
            String en = ind.nameEn() == null || ind.nameEn().isBlank() ? defaultName(ind.code(), false) : ind.nameEn().trim();
            jdbc.sql("insert into gov_kpi_indicator (code, name_zh, name_en, weight, target, higher_better, sort_order) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(ind.code(), zh, en, BigDecimal.valueOf(ind.weight()), BigDecimal.valueOf(ind.target()),
                            !ind.code().equals("reworkRate") && !ind.code().equals("extensionRate"), order++).update();
        }
        jdbc.sql("delete from gov_kpi_grade").update();
        for (Grade g : cfg.grades()) {
            jdbc.sql("insert into gov_kpi_grade (grade, min_score, label_zh, label_en, colour) values (?, ?, ?, ?, ?)")
                    .params(g.grade(), BigDecimal.valueOf(g.minScore()), g.labelZh().trim(), g.labelEn().trim(), g.colour()).update();
        }
        audit.record("event-kpi.config", "gov_kpi_indicator", true, cfg.indicators().stream()
                .map(i -> i.code() + "=" + i.weight() + "@" + i.target()).toList() + " grades=" + cfg.grades().stream()
                .map(g -> g.grade() + "≥" + g.minScore()).toList());
        return load();
    }

    static String defaultName(String code, boolean zh) {
        return switch (code) {
            case "filingRate" -> zh ? "立案率" : "filing rate";
            case "dispatchRate" -> zh ? "派遣率" : "dispatch rate";
            case "closingRate" -> zh ? "结案率" : "closing rate";
            case "onTimeRate" -> zh ? "按期结案率" : "on-time closing rate";
            case "reworkRate" -> zh ? "返工率" : "rework rate";
            default -> zh ? "延期率" : "extension rate";
        };
    }
}
