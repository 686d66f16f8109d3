// Command center (运行管理中心, /command): grids, live city events and devices on a Leaflet map, filters, a state chart
// (ECharts), a list and an event detail panel with its timeline and photos. Live changes arrive by server-sent events
// (/command/stream). Every text that comes from events is inserted with textContent, never as HTML.
(function () {
  'use strict';
  var cfgEl = document.getElementById('command-config');
  var mapEl = document.getElementById('cc-map');
  if (!cfgEl || !mapEl || typeof L === 'undefined') { return; }
  var cfg = JSON.parse(cfgEl.textContent);
  var L_ = cfg.labels || {};
  var COLORS = {
    REPORTED: '#2b6cb0', FILED: '#6b46c1', DISPATCHED: '#dd6b20', HANDLED: '#319795',
    CLOSED: '#38a169', SUSPENDED: '#975a16', REJECTED: '#718096', MERGED: '#a0aec0'
  };
  var OVERDUE = '#e53e3e';

  var map = L.map(mapEl, { preferCanvas: false });
  if (cfg.tileUrl) {
    L.tileLayer(cfg.tileUrl, { maxZoom: cfg.tileMaxZoom || 18, attribution: cfg.tileAttribution || '' }).addTo(map);
  }
  map.setView(cfg.center || [30.075, 120.1], 12);
  var gridLayer = L.featureGroup().addTo(map);
  var eventLayer = L.featureGroup().addTo(map);
  var deviceLayer = L.featureGroup().addTo(map);
  var alertLayer = L.featureGroup().addTo(map);
  var overlays = {};
  overlays[L_.grids || 'grids'] = gridLayer;
  overlays[L_.events || 'events'] = eventLayer;
  overlays[L_.devices || 'devices'] = deviceLayer;
  overlays[L_.alerts || 'alerts'] = alertLayer;
  L.control.layers(null, overlays, { collapsed: true }).addTo(map);

  var form = document.getElementById('cc-filters');
  var list = document.getElementById('cc-list');
  var live = document.getElementById('cc-live');
  var events = {};   // id -> {data, marker, item}
  var selected = null;
  var source = null;
  var chart = (typeof echarts !== 'undefined') ? echarts.init(document.getElementById('cc-chart-states')) : null;

  function text(tag, value, cls) {
    var el = document.createElement(tag);
    if (cls) { el.className = cls; }
    el.textContent = value == null ? '' : String(value);
    return el;
  }
  function fmt(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString(document.documentElement.lang || undefined);
  }
  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, status: r.status, body: body }; },
        function () { return { ok: r.ok, status: r.status, body: null }; });
    });
  }

  // ---------------------------------------------------------------- filters
  function filters() {
    var states = Array.prototype.filter.call(form.querySelectorAll('input[name=state]'), function (c) { return c.checked; })
      .map(function (c) { return c.value; });
    return {
      state: states.length ? states.join(',') : 'ALL',
      'class': form.elements['class'].value,
      region: form.elements.region.value,
      grid: form.elements.grid.value.trim(),
      from: form.elements.from.value,
      to: form.elements.to.value
    };
  }
  function query(f, skip) {
    var parts = [];
    Object.keys(f).forEach(function (k) {
      if (f[k] && k !== skip) { parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(f[k])); }
    });
    return parts.length ? '?' + parts.join('&') : '';
  }
  function regionPrefix(code) {
    if (/00000000$/.test(code)) { return code.substring(0, 4); }
    if (/000000$/.test(code)) { return code.substring(0, 6); }
    if (/000$/.test(code)) { return code.substring(0, 9); }
    return code;
  }
  function matches(e, f) {
    if (f.state !== 'ALL' && f.state.split(',').indexOf(e.state) < 0) { return false; }
    if (f['class'] && e.classCode !== f['class']) { return false; }
    if (f.region && (!e.regionCode || e.regionCode.indexOf(regionPrefix(f.region)) !== 0)) { return false; }
    if (f.grid && e.gridCode !== f.grid) { return false; }
    var created = new Date(e.createdAt);
    if (f.from && created < new Date(f.from + 'T00:00:00')) { return false; }
    if (f.to) { var end = new Date(f.to + 'T00:00:00'); end.setDate(end.getDate() + 1); if (created >= end) { return false; } }
    return true;
  }

  // ---------------------------------------------------------------- events on the map and in the list
  function style(e) {
    return {
      radius: e.overdue ? 9 : 7, color: e.overdue ? OVERDUE : '#ffffff', weight: e.overdue ? 3 : 1.5,
      fillColor: COLORS[e.state] || '#4a5568', fillOpacity: 0.9
    };
  }
  function tooltip(e) {
    var box = document.createElement('div');
    box.appendChild(text('strong', e.eventNo));
    box.appendChild(text('div', (cfg.states[e.state] || e.state) + (e.overdue ? ' · ' + (L_.overdue || 'overdue') : '')));
    box.appendChild(text('div', e.className || L_.unclassified || ''));
    box.appendChild(text('div', e.description));
    return box;
  }
  function mark(el, e) {
    if (!el) { return; }
    el.setAttribute('data-event-no', e.eventNo);
    el.setAttribute('data-state', e.state);
    el.setAttribute('data-overdue', String(!!e.overdue));
    el.setAttribute('data-color', (style(e).fillColor));
  }
  function listItem(e) {
    var li = document.createElement('li');
    li.tabIndex = 0;
    var badge = text('span', cfg.states[e.state] || e.state, 'cc-badge');
    badge.style.background = COLORS[e.state] || '#4a5568';
    li.appendChild(badge);
    if (e.overdue) { li.appendChild(text('span', L_.overdue || 'overdue', 'cc-badge overdue')); }
    li.appendChild(text('strong', ' ' + e.eventNo));
    li.appendChild(text('span', ' ' + (e.className || L_.unclassified || ''), 'muted'));
    li.appendChild(text('div', e.description, 'cc-description'));
    li.addEventListener('click', function () { openDetail(e.id); });
    li.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') { openDetail(e.id); } });
    mark(li, e);
    return li;
  }
  function upsert(e, f) {
    var cur = events[e.id];
    if (!matches(e, f)) { if (cur) { remove(e.id); } return; }
    if (cur) {
      cur.data = e;
      cur.marker.setLatLng([e.lat, e.lon]);
      cur.marker.setStyle(style(e));
      cur.marker.setTooltipContent(tooltip(e));
      mark(cur.marker.getElement(), e);
      var li = listItem(e);
      list.replaceChild(li, cur.item);
      cur.item = li;
    } else {
      var m = L.circleMarker([e.lat, e.lon], style(e)).bindTooltip(tooltip(e));
      m.on('click', function () { openDetail(e.id); });
      m.addTo(eventLayer);
      mark(m.getElement(), e);
      var item = listItem(e);
      list.insertBefore(item, list.firstChild);
      events[e.id] = { data: e, marker: m, item: item };
    }
  }
  function remove(id) {
    var cur = events[id];
    if (!cur) { return; }
    eventLayer.removeLayer(cur.marker);
    if (cur.item.parentNode) { cur.item.parentNode.removeChild(cur.item); }
    delete events[id];
  }
  function counters() {
    var ids = Object.keys(events);
    var overdue = ids.filter(function (id) { return events[id].data.overdue; }).length;
    document.getElementById('cc-count-shown').textContent = String(ids.length);
    document.getElementById('cc-count-overdue').textContent = String(overdue);
    document.getElementById('cc-empty').hidden = ids.length > 0;
    mapEl.setAttribute('data-markers', String(ids.length));
  }

  // ---------------------------------------------------------------- chart (counts by state)
  var summaryTimer = null;
  function loadSummary() {
    summaryTimer = null;
    if (!chart) { return; }
    getJson(cfg.summaryUrl + query(filters(), 'state')).then(function (r) {
      if (!r.ok || !r.body) { return; }
      var keys = Object.keys(r.body.byState);
      chart.setOption({
        title: { text: (L_.total || 'total') + ' ' + r.body.total, left: 'center', textStyle: { fontSize: 13 } },
        tooltip: { trigger: 'axis' },
        grid: { left: 40, right: 10, top: 30, bottom: 60 },
        xAxis: { type: 'category', data: keys.map(function (k) { return cfg.states[k] || k; }), axisLabel: { rotate: 40, fontSize: 10 } },
        yAxis: { type: 'value', minInterval: 1 },
        series: [{ type: 'bar', data: keys.map(function (k) { return { value: r.body.byState[k], itemStyle: { color: COLORS[k] } }; }) }]
      }, true);
      document.getElementById('cc-chart-states').setAttribute('data-total', String(r.body.total));
    });
  }
  function summarySoon() { if (!summaryTimer) { summaryTimer = setTimeout(loadSummary, 1000); } }

  // ---------------------------------------------------------------- detail panel
  var panel = document.getElementById('cc-detail');
  document.getElementById('cc-detail-close').addEventListener('click', function () { panel.hidden = true; selected = null; });
  function fact(dl, label, value) {
    if (value == null || value === '') { return; }
    dl.appendChild(text('dt', label));
    dl.appendChild(text('dd', value));
  }
  function photo(box, id) {
    var a = document.createElement('a');
    a.href = cfg.fileUrl + encodeURIComponent(id);
    a.target = '_blank';
    a.rel = 'noopener';
    var img = document.createElement('img');
    img.src = cfg.fileUrl + encodeURIComponent(id);
    img.alt = '';
    img.loading = 'lazy';
    a.appendChild(img);
    box.appendChild(a);
  }
  function openDetail(id) {
    selected = id;
    getJson(cfg.eventUrl + encodeURIComponent(id)).then(function (r) {
      if (!r.ok || !r.body || selected !== id) { return; }
      var e = r.body;
      var listed = events[id] ? events[id].data : {};
      panel.hidden = false;
      panel.setAttribute('data-event-no', e.eventNo);
      panel.setAttribute('data-state', e.state);
      document.getElementById('cc-detail-title').textContent = e.eventNo;
      var st = document.getElementById('cc-detail-state');
      st.textContent = cfg.states[e.state] || e.state;
      st.style.background = COLORS[e.state] || '#4a5568';
      document.getElementById('cc-detail-overdue').hidden = !e.overdue;
      document.getElementById('cc-detail-description').textContent = e.description;
      var dl = document.getElementById('cc-detail-facts');
      dl.textContent = '';
      fact(dl, L_['class'] || 'class', e.classCode ? e.classCode + ' ' + (listed.className || '') : (L_.unclassified || ''));
      fact(dl, L_.source || 'source', e.source);
      fact(dl, L_.grid || 'grid', e.gridCode || e.regionCode);
      fact(dl, L_.department || 'department', listed.departmentName || e.departmentId);
      fact(dl, L_.created || 'created', fmt(e.createdAt));
      fact(dl, L_.deadline || 'deadline', fmt(e.deadline));
      var photos = document.getElementById('cc-detail-photos');
      photos.textContent = '';
      (e.photos || []).forEach(function (p) { photo(photos, p); });
      (e.handlePhotos || []).forEach(function (p) { photo(photos, p); });
      var ol = document.getElementById('cc-detail-timeline');
      ol.textContent = '';
      (e.history || []).forEach(function (h) {
        var li = document.createElement('li');
        li.setAttribute('data-action', h.action);
        li.appendChild(text('time', fmt(h.at)));
        li.appendChild(text('strong', ' ' + (cfg.actions[h.action] || h.action)));
        li.appendChild(text('span', ' ' + (h.actorName || h.actorId || ''), 'muted'));
        if (h.toState) { li.appendChild(text('span', ' → ' + (cfg.states[h.toState] || h.toState))); }
        if (h.comment) { li.appendChild(text('div', h.comment, 'cc-comment')); }
        (h.photos || []).forEach(function (p) { photo(li, p); });
        ol.appendChild(li);
      });
      panel.scrollIntoView({ block: 'nearest' });
    });
  }

  // ---------------------------------------------------------------- loading and the live stream
  var current = null;
  function setLive(state) {
    live.setAttribute('data-state', state);
    live.textContent = state === 'live' ? (L_.live || 'live') : (state === 'offline' ? (L_.offline || 'offline') : (L_.reconnecting || '…'));
  }
  var pending = null; // live changes that arrive while a list request is in flight, re-applied on top of the list
  function load() {
    var f = filters();
    current = f;
    pending = [];
    var err = document.getElementById('cc-filter-error');
    getJson(cfg.eventsUrl + query(f)).then(function (r) {
      var during = pending || [];
      pending = null;
      if (!r.ok) {
        err.hidden = false;
        var msg = r.body && (document.documentElement.lang === 'en' ? r.body.messageEn : r.body.messageZh);
        err.textContent = msg || ('HTTP ' + r.status);
        (r.body && r.body.errors || []).forEach(function (v) {
          err.appendChild(text('div', v.field + ': ' + (document.documentElement.lang === 'en' ? v.messageEn : v.messageZh)));
        });
        return;
      }
      err.hidden = true;
      Object.keys(events).forEach(remove);
      r.body.events.slice().reverse().forEach(function (e) { upsert(e, f); });
      during.forEach(function (e) { upsert(e, f); });
      document.getElementById('cc-truncated').hidden = !r.body.truncated;
      counters();
      if (Object.keys(events).length) { map.fitBounds(eventLayer.getBounds().pad(0.2), { maxZoom: 15 }); }
      // one stream for the page's life (it carries every change in scope; filters apply here): opened after the first
      // list from its cursor, so nothing committed in between is missed; EventSource reconnects with Last-Event-ID
      if (!source) { connect(r.body.cursor); }
      loadSummary();
      loadAlerts();
      loadKpis();
      loadDevices(); // online/offline status as of now
    });
  }
  function connect(cursor) {
    if (typeof EventSource === 'undefined') { setLive('offline'); return; }
    setLive('connecting');
    source = new EventSource(cfg.streamUrl + '?since=' + encodeURIComponent(cursor));
    source.onopen = function () { setLive('live'); };
    source.onerror = function () { setLive(source.readyState === EventSource.CLOSED ? 'offline' : 'connecting'); };
    source.addEventListener('event', function (msg) {
      var e = JSON.parse(msg.data);
      if (pending) { pending.push(e); }
      upsert(e, current);
      counters();
      summarySoon();
      if (selected === e.id) { openDetail(e.id); }
      mapEl.setAttribute('data-last-event', e.eventNo + ':' + e.state);
    });
    source.addEventListener('alert', function (msg) { upsertAlert(JSON.parse(msg.data)); });
    source.addEventListener('reset', function () { load(); });
  }
  form.addEventListener('submit', function (ev) { ev.preventDefault(); load(); });

  // grids and devices (static layers)
  getJson(cfg.gridsUrl).then(function (r) {
    if (!r.ok || !r.body) { return; }
    L.geoJSON(r.body, {
      style: function () { return { color: '#1d6fa5', weight: 1, fillOpacity: 0.06 }; },
      onEachFeature: function (feat, layer) { layer.bindTooltip(feat.properties.code + ' ' + (feat.properties.name || '')); }
    }).addTo(gridLayer);
    mapEl.setAttribute('data-grids', String(r.body.features.length));
    if (!Object.keys(events).length && gridLayer.getLayers().length) { map.fitBounds(gridLayer.getBounds()); }
  });
  function loadDevices() {
  getJson(cfg.devicesUrl).then(function (r) {
    if (!r.ok || !r.body) { return; }
    deviceLayer.clearLayers();
    r.body.forEach(function (d) {
      var online = d.status === 'ONLINE';
      var m = L.circleMarker([d.lat, d.lon], { radius: 5, color: online ? '#2f855a' : '#718096', weight: 2, dashArray: online ? null : '2,2',
        fillColor: '#ffffff', fillOpacity: 1 });
      var box = document.createElement('div');
      box.appendChild(text('strong', d.name));
      box.appendChild(text('div', d.deviceId + ' · ' + (online ? (L_.online || 'online') : (L_.deviceOffline || 'offline'))));
      if (d.lastSeenAt) { box.appendChild(text('div', (L_.lastSeen || '') + ' ' + fmt(d.lastSeenAt))); }
      var link = document.createElement('a');
      link.href = cfg.deviceUrl + encodeURIComponent(d.deviceId);
      link.textContent = L_.deviceDetail || 'detail';
      box.appendChild(link);
      m.bindPopup(box);
      m.addTo(deviceLayer);
      var el = m.getElement();
      if (el) { el.setAttribute('data-device-id', d.deviceId); el.setAttribute('data-status', d.status); }
    });
    document.getElementById('cc-count-devices').textContent = String(r.body.length);
  });
  }
  // ---------------------------------------------------------------- early-warning alerts (预警)
  var LEVELS = { BLUE: '#3182ce', YELLOW: '#d69e2e', ORANGE: '#dd6b20', RED: '#e53e3e' };
  var alerts = {};   // alertId -> {marker, item}
  var alertList = document.getElementById('cc-alerts');
  var en = document.documentElement.lang === 'en';
  function levelText(a) { return a.levelLabel ? (en ? a.levelLabel.en : a.levelLabel.zh) : (a.level || ''); }
  function removeAlert(id) {
    var cur = alerts[id];
    if (!cur) { return; }
    alertLayer.removeLayer(cur.marker);
    if (cur.item.parentNode) { cur.item.parentNode.removeChild(cur.item); }
    delete alerts[id];
  }
  function upsertAlert(a) {
    removeAlert(a.alertId);
    if (a.active === false) { alertCount(); return; }
    var colour = LEVELS[a.level] || '#e53e3e';
    var m = L.circleMarker([a.lat, a.lon], { radius: 13, color: colour, weight: 3, fillColor: colour, fillOpacity: 0.25 });
    var box = document.createElement('div');
    box.appendChild(text('strong', levelText(a) + ' ' + (a.ruleName || '')));
    box.appendChild(text('div', (a.deviceName || a.deviceId || '') + (a.value != null ? ' · ' + a.value : '')));
    box.appendChild(text('div', fmt(a.updatedAt || a.raisedAt)));
    m.bindTooltip(box);
    if (a.eventId) { m.on('click', function () { openDetail(a.eventId); }); }
    m.addTo(alertLayer);
    var el = m.getElement();
    if (el) { el.setAttribute('data-alert-id', a.alertId); el.setAttribute('data-level', a.level || ''); }
    var li = document.createElement('li');
    li.setAttribute('data-alert-id', a.alertId);
    li.setAttribute('data-level', a.level || '');
    li.appendChild(text('strong', levelText(a) + ' '));
    li.appendChild(text('span', a.ruleName || a.ruleId || ''));
    li.appendChild(text('div', (a.deviceName || a.deviceId || '') + (a.value != null ? ' · ' + a.value : '') + ' · ' + fmt(a.updatedAt || a.raisedAt), 'muted'));
    if (a.eventId) {
      li.tabIndex = 0;
      li.title = L_.openEvent || '';
      li.addEventListener('click', function () { openDetail(a.eventId); });
    }
    alertList.insertBefore(li, alertList.firstChild);
    alerts[a.alertId] = { marker: m, item: li };
    alertCount();
  }
  function alertCount() {
    var n = Object.keys(alerts).length;
    document.getElementById('cc-no-alerts').hidden = n > 0;
    mapEl.setAttribute('data-alerts', String(n));
  }
  function loadAlerts() {
    getJson(cfg.alertsUrl).then(function (r) {
      if (!r.ok || !r.body) { return; }
      Object.keys(alerts).forEach(removeAlert);
      r.body.alerts.slice().reverse().forEach(upsertAlert);
      alertCount();
    });
  }

  // ---------------------------------------------------------------- 统一考核 KPIs this month per area (when installed)
  var kpiEl = document.getElementById('cc-chart-kpi');
  var kpiChart = null;
  function loadKpis() {
    if (typeof echarts === 'undefined') { return; }
    var region = form.elements.region.value;
    getJson(cfg.kpisUrl + (region ? '?region=' + encodeURIComponent(region) : '')).then(function (r) {
      if (!r.ok || !r.body || !r.body.available || !r.body.report) { kpiEl.hidden = true; return; }
      var rows = (r.body.report.rows && r.body.report.rows.length) ? r.body.report.rows : [r.body.report.total];
      kpiEl.hidden = false;
      if (!kpiChart) { kpiChart = echarts.init(kpiEl); }
      function pct(v) { return v == null ? null : Math.round(v * 1000) / 10; }
      kpiChart.setOption({
        title: { text: L_.kpiTitle || '', left: 'center', textStyle: { fontSize: 13 } },
        tooltip: { trigger: 'axis' },
        legend: { bottom: 0, textStyle: { fontSize: 10 } },
        grid: { left: 40, right: 10, top: 30, bottom: 70 },
        xAxis: { type: 'category', data: rows.map(function (x) { return x.label; }), axisLabel: { rotate: 30, fontSize: 10 } },
        yAxis: { type: 'value', max: 100, name: '%' },
        series: [
          { name: L_.filingRate, type: 'bar', data: rows.map(function (x) { return pct(x.filingRate); }) },
          { name: L_.closingRate, type: 'bar', data: rows.map(function (x) { return pct(x.closingRate); }) },
          { name: L_.onTimeRate, type: 'bar', data: rows.map(function (x) { return pct(x.onTimeRate); }) },
          { name: L_.score, type: 'line', data: rows.map(function (x) { return x.score; }) }
        ]
      }, true);
      kpiEl.setAttribute('data-rows', String(rows.length));
    });
  }

  window.addEventListener('resize', function () { if (chart) { chart.resize(); } if (kpiChart) { kpiChart.resize(); } });
  load();
})();
