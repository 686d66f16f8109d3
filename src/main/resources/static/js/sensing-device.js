// Device page (/workbench/devices/{id}): line chart of the chosen metric over the last 24 hours (ECharts).
(function () {
  var el = document.getElementById('series-chart');
  var form = document.getElementById('series-form');
  if (!el || !form || typeof echarts === 'undefined') { return; }
  var chart = echarts.init(el);
  function load() {
    var metric = form.elements.metric.value;
    var step = form.elements.step.value;
    if (!metric) { return; }
    var to = new Date();
    var from = new Date(to.getTime() - 24 * 3600 * 1000);
    var url = el.getAttribute('data-series-url') + '?metric=' + encodeURIComponent(metric) + '&step=' + step
      + '&from=' + encodeURIComponent(from.toISOString()) + '&to=' + encodeURIComponent(to.toISOString());
    fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (points) {
        el.setAttribute('data-points', String(points.length));
        var unit = form.elements.metric.selectedOptions[0].getAttribute('data-unit') || '';
        chart.setOption({
          tooltip: {trigger: 'axis'},
          xAxis: {type: 'time'},
          yAxis: {type: 'value', name: unit, scale: true},
          series: [
            {name: metric, type: 'line', showSymbol: false, data: points.map(function (p) { return [p.ts, p.avg]; })},
            {name: 'max', type: 'line', showSymbol: false, lineStyle: {opacity: 0.3}, data: step === 'raw' ? [] : points.map(function (p) { return [p.ts, p.max]; })},
            {name: 'min', type: 'line', showSymbol: false, lineStyle: {opacity: 0.3}, data: step === 'raw' ? [] : points.map(function (p) { return [p.ts, p.min]; })}
          ]
        }, true);
      });
  }
  form.addEventListener('change', load);
  window.addEventListener('resize', function () { chart.resize(); });
  load();
})();
