package org.yiwang.governance;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.yiwang.support.Api;
import org.yiwang.support.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four levels (市/区/街道/社区 四级): city, district, street and community officers each see and act on the events of
 * their region and below, never a sibling's — in lists, in reads by id (IDOR) and in actions. A case is dispatched to a
 * department of its own region or of one above it.
 */
class FourLevelScopeTest extends IntegrationTest {

    private static final String CITY = "demo-city-officer";         // 示例市 城市运行管理服务中心: SUPERVISOR, DISPATCHER
    private static final String DISTRICT = "demo-supervisor";       // 东湖区: SUPERVISOR (demo-dispatcher: DISPATCHER)
    private static final String STREET = "demo-street-officer";     // 湖滨街道: SUPERVISOR, DISPATCHER, DEPT_HANDLER
    private static final String COMMUNITY = "demo-community-officer"; // 柳岸社区: SUPERVISOR, DEPT_HANDLER (湖滨街道办事处)

    private Api.Client as(String user) {
        return Api.as(baseUrl(), user);
    }

    private String report(double lon, double lat, String expectedRegion) {
        Api.Response r = as("demo-citizen").post("/api/v1/events", Map.of("classCode", "E0101", "lon", lon, "lat", lat,
                "description", "四级测试 " + expectedRegion + " " + UUID.randomUUID()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.get("regionCode").asString()).isEqualTo(expectedRegion);
        return r.get("id").asString();
    }

    private List<String> listed(String user) {
        Api.Response r = as(user).get("/api/v1/events?class=E0101&limit=500");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().findValuesAsString("id");
    }

    private int act(String user, String id, String action, Map<String, Object> body) {
        return as(user).post("/api/v1/events/" + id + "/" + action, body).status();
    }

    private void sees(String user, List<String> visible, List<String> hidden) {
        List<String> listed = listed(user);
        assertThat(listed).as(user + " list").containsAll(visible);
        for (String id : hidden) {
            assertThat(listed).as(user + " list").doesNotContain(id);
        }
        for (String id : visible) {
            assertThat(as(user).get("/api/v1/events/" + id).status()).as(user + " reads " + id).isEqualTo(200);
        }
        for (String id : hidden) {
            assertThat(as(user).get("/api/v1/events/" + id).status()).as(user + " reads " + id).isEqualTo(404);
        }
    }

    @Test
    void eachLevelSeesAndActsOnItsSubtreeOnly() {
        String liuan = report(120.0075, 30.0225, "339902001001");     // 柳岸社区, 湖滨街道, 东湖区
        String hehua = report(120.0575, 30.0225, "339902001002");     // 荷花社区: sibling community in the same street
        String shuxiang = report(120.0075, 30.0975, "339902002001");  // 书香社区: another street of 东湖区
        String songlin = report(120.1075, 30.0225, "339903001001");   // 松林社区: another district (西山区)

        sees(COMMUNITY, List.of(liuan), List.of(hehua, shuxiang, songlin));
        sees(STREET, List.of(liuan, hehua), List.of(shuxiang, songlin));
        sees(DISTRICT, List.of(liuan, hehua, shuxiang), List.of(songlin));
        sees(CITY, List.of(liuan, hehua, shuxiang, songlin), List.of());

        // 立案 at each level on its own events; a sibling's event does not exist for them (404, not 403)
        assertThat(act(COMMUNITY, hehua, "file", Map.of())).isEqualTo(404);
        assertThat(act(COMMUNITY, liuan, "file", Map.of())).isEqualTo(200);
        assertThat(act(STREET, shuxiang, "file", Map.of())).isEqualTo(404);
        assertThat(act(STREET, hehua, "file", Map.of())).isEqualTo(200);
        assertThat(act(DISTRICT, songlin, "file", Map.of())).isEqualTo(404);
        assertThat(act(DISTRICT, shuxiang, "file", Map.of())).isEqualTo(200);
        assertThat(act(CITY, songlin, "file", Map.of())).isEqualTo(200);

        // 派遣: the community level has no 指挥中心 role; the street dispatches its own events, not another street's
        assertThat(act(COMMUNITY, liuan, "dispatch", Map.of())).isEqualTo(403);
        assertThat(act(STREET, shuxiang, "dispatch", Map.of())).isEqualTo(404);
        assertThat(act(STREET, liuan, "dispatch", Map.of())).isEqualTo(200);
        // never sideways: a 西山区 department cannot get a 湖滨街道 case
        Api.Response sideways = as(STREET).post("/api/v1/events/" + hehua + "/dispatch", Map.of("departmentId", "xs-urban"));
        assertThat(sideways.status()).as(sideways.toString()).isEqualTo(400);
        assertThat(sideways.namesField("departmentId")).isTrue();
        assertThat(act(STREET, hehua, "dispatch", Map.of())).isEqualTo(200);
        assertThat(act("demo-dispatcher", shuxiang, "dispatch", Map.of("departmentId", "dh-urban"))).isEqualTo(200);
        assertThat(act("demo-dispatcher", songlin, "dispatch", Map.of())).isEqualTo(404);
        assertThat(act(CITY, songlin, "dispatch", Map.of())).isEqualTo(200);

        // 处置: the community handler of 湖滨街道办事处 handles its community's case, not the sibling community's
        assertThat(act(COMMUNITY, hehua, "handle", Map.of("comment", "已清运"))).isEqualTo(404);
        assertThat(act(COMMUNITY, liuan, "handle", Map.of("comment", "已清运"))).isEqualTo(200);
        assertThat(act(STREET, hehua, "handle", Map.of("comment", "已清运"))).isEqualTo(200);

        // 核查 / 结案 from any level above
        assertThat(act(COMMUNITY, hehua, "verify", Map.of("passed", true))).isEqualTo(404);
        assertThat(act(STREET, liuan, "verify", Map.of("passed", true))).isEqualTo(200);
        assertThat(act(CITY, hehua, "verify", Map.of("passed", true))).isEqualTo(200);
        assertThat(as(COMMUNITY).get("/api/v1/events/" + liuan).get("state").asString()).isEqualTo("CLOSED");
        sees(COMMUNITY, List.of(liuan), List.of(hehua, shuxiang, songlin));
    }
}
