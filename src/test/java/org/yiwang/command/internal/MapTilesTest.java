package org.yiwang.command.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The tile proxy: off without a URL, address checks, {z}/{x}/{y}/{s} substitution, upstream fetch and the cache. */
class MapTilesTest {

    @Test
    void offWithoutAUrl() {
        MapTiles tiles = new MapTiles("", "", "", 18, 120.1, 30.0, 10);
        assertThat(tiles.enabled()).isFalse();
        assertThat(tiles.tile(1, 0, 0)).isEmpty();
    }

    @Test
    void substitutesAndChecksAddresses() {
        MapTiles tiles = new MapTiles("https://t{s}.tianditu.gov.cn/vec_w/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=KEY", "01234567",
                "天地图", 18, 120.1, 30.0, 10);
        assertThat(tiles.upstream(3, 5, 6)).isEqualTo("https://t3.tianditu.gov.cn/vec_w/wmts?TILEMATRIX=3&TILEROW=6&TILECOL=5&tk=KEY");
        assertThat(tiles.valid(3, 7, 7)).isTrue();
        assertThat(tiles.valid(3, 8, 0)).isFalse();
        assertThat(tiles.valid(-1, 0, 0)).isFalse();
        assertThat(tiles.valid(19, 0, 0)).isFalse();
        assertThat(tiles.valid(2, 0, -1)).isFalse();
    }

    @Test
    void fetchesOnceThenServesFromTheCache() throws IOException {
        AtomicInteger hits = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3};
        server.createContext("/", ex -> {
            hits.incrementAndGet();
            boolean missing = ex.getRequestURI().getPath().startsWith("/9/");
            ex.getResponseHeaders().add("Content-Type", missing ? "text/html" : "image/png");
            ex.sendResponseHeaders(missing ? 404 : 200, missing ? -1 : png.length);
            if (!missing) {
                ex.getResponseBody().write(png);
            }
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/{z}/{x}/{y}.png";
            MapTiles tiles = new MapTiles(url, "", "", 18, 120.1, 30.0, 10);
            assertThat(tiles.tile(2, 1, 3)).get().satisfies(t -> {
                assertThat(t.bytes()).isEqualTo(png);
                assertThat(t.contentType()).isEqualTo("image/png");
            });
            assertThat(tiles.tile(2, 1, 3)).isPresent();
            assertThat(hits.get()).isEqualTo(1);
            assertThat(tiles.tile(9, 1, 1)).isEmpty(); // upstream 404: nothing cached, nothing served
            assertThat(tiles.tile(2, 4, 0)).isEmpty(); // not a tile at zoom 2: never asked upstream
            assertThat(hits.get()).isEqualTo(2);
        } finally {
            server.stop(0);
        }
    }
}
