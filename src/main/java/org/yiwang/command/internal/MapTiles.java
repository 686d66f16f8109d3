package org.yiwang.command.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Map tiles of the command center through the platform (瓦片代理): the browser asks {@code /command/tiles/{z}/{x}/{y}},
 * the platform fetches {@code yiwang.command.tile-url} (OpenStreetMap, 天地图 with its {@code tk} key, an internal tile
 * server …) and keeps recent tiles in memory. So the page's Content-Security-Policy stays {@code img-src 'self'}, and a
 * 天地图 key never reaches browsers. With no URL configured (the default, and in tests) the map has no tiles: grids,
 * events and devices are drawn on a plain background and nothing leaves the machine.
 */
@Component
class MapTiles {

    private static final Logger log = LoggerFactory.getLogger(MapTiles.class);

    /** A fetched tile. */
    record Tile(byte[] bytes, String contentType) {
    }

    private final String url;
    private final String subdomains;
    private final String attribution;
    private final int maxZoom;
    private final double centerLon;
    private final double centerLat;
    private final int cacheSize;
    private final HttpClient http;
    private final Map<String, Tile> cache;

    MapTiles(@Value("${yiwang.command.tile-url:}") String url,
             @Value("${yiwang.command.tile-subdomains:}") String subdomains,
             @Value("${yiwang.command.tile-attribution:}") String attribution,
             @Value("${yiwang.command.tile-max-zoom:18}") int maxZoom,
             @Value("${yiwang.command.center-lon:120.10}") double centerLon,
             @Value("${yiwang.command.center-lat:30.075}") double centerLat,
             @Value("${yiwang.command.tile-cache-size:2000}") int cacheSize) {
        this.url = url == null ? "" : url.trim();
        this.subdomains = subdomains == null ? "" : subdomains.trim();
        this.attribution = attribution;
        this.maxZoom = Math.max(1, Math.min(maxZoom, 22));
        this.centerLon = centerLon;
        this.centerLat = centerLat;
        this.cacheSize = Math.max(0, cacheSize);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NORMAL).build();
        this.cache = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Tile> eldest) {
                return size() > MapTiles.this.cacheSize;
            }
        };
    }

    boolean enabled() {
        return !url.isEmpty();
    }

    String attribution() {
        return attribution;
    }

    int maxZoom() {
        return maxZoom;
    }

    double centerLon() {
        return centerLon;
    }

    double centerLat() {
        return centerLat;
    }

    /** True for a tile address that exists at this zoom. */
    boolean valid(int z, long x, long y) {
        if (z < 0 || z > maxZoom) {
            return false;
        }
        long n = 1L << z;
        return x >= 0 && x < n && y >= 0 && y < n;
    }

    /** The upstream URL of a tile ({z}, {x}, {y}, {s} replaced). */
    String upstream(int z, long x, long y) {
        String s = subdomains.isEmpty() ? "" : String.valueOf(subdomains.charAt((int) Math.floorMod(x + y, (long) subdomains.length())));
        return url.replace("{z}", Integer.toString(z)).replace("{x}", Long.toString(x)).replace("{y}", Long.toString(y)).replace("{s}", s);
    }

    /** The tile from the cache or upstream; empty when tiles are off or upstream failed. */
    Optional<Tile> tile(int z, long x, long y) {
        if (!enabled() || !valid(z, x, y)) {
            return Optional.empty();
        }
        String key = z + "/" + x + "/" + y;
        synchronized (cache) {
            Tile t = cache.get(key);
            if (t != null) {
                return Optional.of(t);
            }
        }
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(upstream(z, x, y))).timeout(Duration.ofSeconds(10))
                    .header("User-Agent", "yiwang-command-center/1.0").GET().build();
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            String type = r.headers().firstValue("Content-Type").orElse("image/png");
            if (r.statusCode() != 200 || !type.startsWith("image/")) {
                log.debug("tile {} from upstream: HTTP {} {}", key, r.statusCode(), type);
                return Optional.empty();
            }
            Tile t = new Tile(r.body(), type);
            synchronized (cache) {
                cache.put(key, t);
            }
            return Optional.of(t);
        } catch (java.io.IOException | IllegalArgumentException e) {
            log.debug("tile {} from upstream failed: {}", key, e.toString());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
