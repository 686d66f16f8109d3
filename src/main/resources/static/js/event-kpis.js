// 统一考核 page (/workbench/kpis): bar chart of the rates per row and the 综合指标值 as a line (ECharts); data from #kpi-data.
(function () {
  var el = document.getElementById('kpi-chart');
  var data = document.getElementById('kpi-data');
  if (!el || !data || typeof echarts === 'undefined') { return; }
  var d = JSON.parse(data.textContent || '{}');
  if (!d.labels) { return; }
  var chart = echarts.init(el);
  var series = d.rates.map(function (r) {
    return {name: r.name, type: 'bar', data: r.values.map(function (v) { return v === null ? null : Math.round(v * 1000) / 10; })};
  });
  series.push({name: d.scoreName, type: 'line', data: d.scores});
  chart.setOption({
    tooltip: {trigger: 'axis'},
    legend: {type: 'scroll'},
    grid: {left: 40, right: 20, bottom: 60, containLabel: true},
    xAxis: {type: 'category', data: d.labels, axisLabel: {rotate: d.labels.length > 6 ? 30 : 0}},
    yAxis: {type: 'value', max: 100, name: '%'},
    series: series
  });
  el.setAttribute('data-rows', String(d.labels.length));
  window.addEventListener('resize', function () { chart.resize(); });
})();
