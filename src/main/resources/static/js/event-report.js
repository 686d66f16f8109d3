// 随手拍: pin the location on a Leaflet map (or take the device position) and upload photos through
// /api/v1/files (session + CSRF header); the form then posts the photo ids with the report.
document.addEventListener('DOMContentLoaded', function () {
  var lon = document.getElementById('lon');
  var lat = document.getElementById('lat');
  var el = document.getElementById('report-map');
  var marker = null, map = null;
  function set(lng, la) {
    lon.value = lng.toFixed(6);
    lat.value = la.toFixed(6);
    if (map) {
      if (marker) { marker.setLatLng([la, lng]); } else { marker = L.marker([la, lng]).addTo(map); }
    }
  }
  if (el && typeof L !== 'undefined') {
    map = L.map(el).setView([30.075, 120.1], 12);
    var tiles = el.getAttribute('data-tile-url');
    if (tiles) { L.tileLayer(tiles, { maxZoom: 19, attribution: '&copy; map data' }).addTo(map); }
    map.on('click', function (e) { set(e.latlng.lng, e.latlng.lat); });
    if (lon.value && lat.value) { set(parseFloat(lon.value), parseFloat(lat.value)); }
  }
  var locate = document.getElementById('locate-me');
  if (locate) {
    locate.addEventListener('click', function () {
      if (!navigator.geolocation) { return; }
      navigator.geolocation.getCurrentPosition(function (p) {
        set(p.coords.longitude, p.coords.latitude);
        if (map) { map.setView([p.coords.latitude, p.coords.longitude], 16); }
      });
    });
  }
  var input = document.getElementById('photo-input');
  var ids = document.getElementById('photos');
  var list = document.getElementById('photo-list');
  var error = document.getElementById('photo-error');
  var submit = document.getElementById('report-submit');
  if (input) {
    input.addEventListener('change', function () {
      var token = document.querySelector('meta[name="_csrf"]');
      var header = document.querySelector('meta[name="_csrf_header"]');
      Array.prototype.forEach.call(input.files, function (file) {
        var body = new FormData();
        body.append('file', file);
        body.append('purpose', 'event-photo');
        var headers = {};
        if (token && header) { headers[header.content] = token.content; }
        submit.disabled = true;
        fetch('/api/v1/files', { method: 'POST', body: body, headers: headers, credentials: 'same-origin' })
          .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, json: j }; }); })
          .then(function (r) {
            if (!r.ok) { throw new Error(r.json.detail || r.json.title || 'upload failed'); }
            ids.value = ids.value ? ids.value + ',' + r.json.id : r.json.id;
            var li = document.createElement('li');
            li.className = 'tag';
            li.textContent = file.name;
            li.setAttribute('data-file-id', r.json.id);
            list.appendChild(li);
          })
          .catch(function (e) { error.hidden = false; error.textContent = e.message; })
          .finally(function () { submit.disabled = false; });
      });
      input.value = '';
    });
  }
});
