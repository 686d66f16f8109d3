package org.yiwang.demo;

/** The demo city's accounts as printed at start-up (created by the identity module's demo contributor). */
final class DemoAccounts {

    private DemoAccounts() {
    }

    static final String[][] ALL = {
            {"demo-citizen", "市民 张明华 (citizen, 东湖区 柳岸社区) → /portal"},
            {"demo-enterprise", "企业 示例科技有限公司 (enterprise) → /portal"},
            {"demo-clerk", "东湖区行政服务中心 窗口受理 (window clerk) → /workbench"},
            {"demo-officer", "东湖区 审查/决定/处置 (officer) → /workbench"},
            {"demo-officer-xishan", "西山区 审查/决定/处置 (officer) → /workbench"},
            {"demo-supervisor", "东湖区 监督中心 (supervision) → /workbench"},
            {"demo-dispatcher", "东湖区 指挥中心 (dispatch) → /workbench"},
            {"demo-gridworker", "柳岸社区 网格员 (grid worker) → /workbench"},
            {"demo-city-officer", "示例市 城市运行管理服务中心 监督/指挥 (city level) → /workbench"},
            {"demo-street-officer", "湖滨街道 监督/指挥/处置 (street level) → /workbench"},
            {"demo-community-officer", "柳岸社区 监督/处置 (community level) → /workbench"},
            {"demo-admin", "系统管理员 (administrator) → /admin"},
    };
}
