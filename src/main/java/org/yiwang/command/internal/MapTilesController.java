package org.yiwang.command.internal;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** {@code GET /command/tiles/{z}/{x}/{y}}: map tiles for signed-in command-center users (404 when tiles are off). */
@Controller
class MapTilesController {

    private final MapTiles tiles;

    MapTilesController(MapTiles tiles) {
        this.tiles = tiles;
    }

    @GetMapping("/command/tiles/{z}/{x}/{y}")
    ResponseEntity<byte[]> tile(@PathVariable int z, @PathVariable long x, @PathVariable long y) {
        try {
            CommandAccess.require();
        } catch (org.yiwang.shared.web.ProblemException e) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
        }
        if (!tiles.enabled() || !tiles.valid(z, x, y)) {
            return ResponseEntity.notFound().build();
        }
        return tiles.tile(z, x, y)
                .map(t -> ResponseEntity.ok().contentType(MediaType.parseMediaType(t.contentType()))
                        .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate()).body(t.bytes()))
                .orElseGet(() -> ResponseEntity.status(HttpStatus.BAD_GATEWAY).build());
    }
}
