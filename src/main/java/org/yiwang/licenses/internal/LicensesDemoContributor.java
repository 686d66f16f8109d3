package org.yiwang.licenses.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;

import org.yiwang.licenses.IssueRequest;
import org.yiwang.licenses.LicenseHolder;
import org.yiwang.licenses.LicenseType;
import org.yiwang.shared.demo.DemoContributor;

/**
 * Demo licenses (示例市): the license types matching the demo catalog's materials, and licenses issued through the
 * real service to demo-citizen 张明华 (居民身份证, 居民户口簿, 机动车驾驶证), demo-enterprise 示例科技有限公司 (营业执照) and
 * other registry entities, one of them revoked.
 */
@Component
class LicensesDemoContributor implements DemoContributor {

    private final LicenseService service;

    LicensesDemoContributor(LicenseService service) {
        this.service = service;
    }

    @Override
    public int order() {
        return 500;
    }

    @Override
    public String name() {
        return "licenses";
    }

    @Override
    public void load() {
        List<LicenseType> types = LicenseStore.JSON.readValue(DemoContributor.resource("demo/licenses/types.json"),
                new TypeReference<List<LicenseType>>() { });
        types.forEach(service::saveType);

        LicenseHolder zhang = LicenseHolder.person("张明华", "339902199003071232", null);
        service.issue(new IssueRequest("居民身份证", "city-psb", zhang, Map.of("sex", "男", "ethnicity", "汉", "birthDate", "1990-03-07",
                "address", "示例市东湖区湖滨街道柳岸社区2幢2单元101室"), LocalDate.of(2020, 5, 11), null, "DEMO-ID-0001"));
        service.issue(new IssueRequest("居民户口簿", "city-psb", zhang, Map.of("householder", "张明华", "relation", "户主",
                "address", "示例市东湖区湖滨街道柳岸社区2幢2单元101室"), LocalDate.of(2015, 8, 3), null, "DEMO-HH-0001"));
        service.issue(new IssueRequest("机动车驾驶证", "city-psb", zhang, Map.of("vehicleClass", "C1", "firstIssuedOn", "2012-07-20"),
                LocalDate.of(2024, 7, 20), null, "DEMO-DL-0001"));

        service.issue(new IssueRequest("营业执照", "dh-amr", LicenseHolder.legalEntity("示例科技有限公司", "91339902MA2YW0001P", null),
                Map.of("entityType", "有限责任公司", "legalRepresentative", "王建国", "registeredCapital", "500万元人民币",
                        "establishedOn", "2018-06-12", "address", "示例市东湖区文华街道科创路 88 号",
                        "businessScope", "软件开发；信息技术咨询服务；数据处理服务"), LocalDate.of(2018, 6, 12), null, "DEMO-BL-0001"));
        service.issue(new IssueRequest("营业执照", "dh-amr", LicenseHolder.legalEntity("东湖湖滨餐饮有限公司", "91339902MA2YW0003X", null),
                Map.of("entityType", "有限责任公司", "legalRepresentative", "刘伟", "establishedOn", "2016-09-01",
                        "address", "示例市东湖区湖滨街道湖滨路 6 号", "businessScope", "餐饮服务；食品销售"), LocalDate.of(2016, 9, 1), null,
                "DEMO-BL-0003"));
        service.issue(new IssueRequest("食品经营许可证", "dh-amr", LicenseHolder.legalEntity("东湖湖滨餐饮有限公司", "91339902MA2YW0003X", null),
                Map.of("premises", "示例市东湖区湖滨街道湖滨路 6 号", "businessForm", "餐饮服务经营者（中型餐馆）",
                        "businessItems", "热食类食品制售；冷食类食品制售"), LocalDate.of(2023, 3, 1), null, "DEMO-FB-0003"));
        service.issue(new IssueRequest("营业执照", "xs-amr", LicenseHolder.legalEntity("西山农产品经营部", "92339903MA2YW00026", null),
                Map.of("entityType", "个体工商户", "legalRepresentative", "李秀英", "establishedOn", "2020-03-18",
                        "address", "示例市西山区山前街道松林路 12 号", "businessScope", "农产品零售"), LocalDate.of(2020, 3, 18), null,
                "DEMO-BL-0002"));
        String old = service.issue(new IssueRequest("居住证", "city-psb", LicenseHolder.person("李秀英", "339903198511204566", null),
                Map.of("address", "示例市东湖区湖滨街道柳岸社区5幢1单元201室"), LocalDate.now(LicenseService.ZONE).minusMonths(3), null,
                "DEMO-RP-0002"));
        service.revoke(old, "持证人已迁出本市（示例）");
    }
}
