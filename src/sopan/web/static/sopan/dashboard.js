/* sopan dashboard: draws each chart from the JSON block next to its table (json_script; no
   inline script, CSP script-src 'self'). Without JavaScript, or without Chart.js, the figures
   stay hidden and the tables carry the numbers. */
(function () {
  "use strict";
  if (typeof window.Chart === "undefined") { return; }
  // Okabe–Ito colours (told apart with colour-vision deficiencies), one meaning each.
  var COLOURS = {
    konsep: "#E69F00", dalam_reviu: "#56B4E9", uji_coba: "#CC79A7",
    menunggu_pengesahan: "#0072B2", berlaku: "#009E73", dicabut: "#999999",
    disusun: "#E69F00", belum: "#D55E00", disahkan: "#0072B2"
  };
  var FALLBACK = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#999999"];
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var locale = document.documentElement.lang || "id";

  function colour(key, index) { return COLOURS[key] || FALLBACK[index % FALLBACK.length]; }

  function draw(figure) {
    var source = document.getElementById(figure.getAttribute("data-chart"));
    if (!source) { return; }
    var spec = JSON.parse(source.textContent);
    if (!spec || !spec.labels || spec.labels.length === 0) { return; }
    var canvas = figure.querySelector("canvas");
    if (spec.horizontal) {
      // One bar per row: the box grows with the number of units or categories.
      canvas.parentNode.style.height = Math.max(160, spec.labels.length * 34 + 90) + "px";
    }
    figure.hidden = false;
    var valueAxis = { stacked: !!spec.stacked, beginAtZero: true, ticks: { precision: 0 },
                      title: { display: !!spec.axis, text: spec.axis } };
    var labelAxis = { stacked: !!spec.stacked, ticks: { autoSkip: false } };
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map(function (set, index) {
          return { label: set.label, data: set.data, backgroundColor: colour(set.key, index),
                   borderColor: "#ffffff", borderWidth: spec.stacked ? 1 : 0 };
        })
      },
      options: {
        indexAxis: spec.horizontal ? "y" : "x",
        maintainAspectRatio: false,
        animation: reduceMotion ? false : { duration: 300 },
        locale: locale,
        plugins: { legend: { display: spec.datasets.length > 1, position: "bottom" } },
        scales: spec.horizontal ? { x: valueAxis, y: labelAxis } : { x: labelAxis, y: valueAxis }
      }
    });
  }

  function start() {
    var figures = document.querySelectorAll("figure[data-chart]");
    for (var i = 0; i < figures.length; i++) { draw(figures[i]); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
})();
