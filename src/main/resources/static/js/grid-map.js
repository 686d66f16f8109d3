// Draws unit grids (GeoJSON in #grid-data) on a Leaflet map in #grid-map. Tiles come from the configured
// URL (data-tile-url); without network access the polygons still show on the plain background.
document.addEventListener('DOMContentLoaded', function () {
  var el = document.getElementById('grid-map');
  var src = document.getElementById('grid-data');
  if (!el || !src || typeof L === 'undefined') { return; }
  var data = JSON.parse(src.textContent);
  var map = L.map(el);
  var tiles = el.getAttribute('data-tile-url');
  if (tiles) { L.tileLayer(tiles, { maxZoom: 19, attribution: '&copy; map data' }).addTo(map); }
  var layer = L.geoJSON(data, {
    style: function () { return { color: '#1d6fa5', weight: 1, fillOpacity: 0.15 }; },
    onEachFeature: function (f, l) { l.bindTooltip(f.properties.code + ' ' + f.properties.name); }
  }).addTo(map);
  if (data.features.length) { map.fitBounds(layer.getBounds()); } else { map.setView([30.075, 120.1], 12); }
  el.setAttribute('data-polygons', String(layer.getLayers().length));
});
