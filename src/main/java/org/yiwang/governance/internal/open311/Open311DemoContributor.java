package org.yiwang.governance.internal.open311;

import org.springframework.stereotype.Component;

import org.yiwang.shared.demo.DemoContributor;

/** The demo city's Open311 API key {@code demo-open311-key} (a fictional citizen app of 示例市). */
@Component
class Open311DemoContributor implements DemoContributor {

    static final String DEMO_KEY = "demo-open311-key";

    private final Open311Keys keys;

    Open311DemoContributor(Open311Keys keys) {
        this.keys = keys;
    }

    @Override
    public int order() {
        return 410;
    }

    @Override
    public String name() {
        return "governance Open311 (demo API key)";
    }

    @Override
    public void load() {
        if (!keys.exists(DEMO_KEY)) {
            keys.register(DEMO_KEY, "示例市城市运行管理服务中心 (city-ops)", "示例市随手拍 App");
        }
    }
}
