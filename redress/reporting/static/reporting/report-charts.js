// Turns each chart's static SVG into an interactive Vega chart (tooltips), from the same
// Vega-Lite spec, where Vega and vega-embed have loaded. Without them the SVG stays: the page
// needs no script to be complete.
(function () {
  "use strict";
  function enhance() {
    if (typeof window.vegaEmbed !== "function") return;
    var graphics = document.querySelectorAll(".rd-report [data-rd-spec]");
    Array.prototype.forEach.call(graphics, function (graphic) {
      var source = document.getElementById(graphic.getAttribute("data-rd-spec"));
      if (!source) return;
      var spec = JSON.parse(source.textContent);
      var target = document.createElement("div");
      target.className = "rd-chart__interactive";
      graphic.parentNode.insertBefore(target, graphic.nextSibling);
      window.vegaEmbed(target, spec, { actions: false, renderer: "svg" }).then(function () {
        graphic.hidden = true;
      }).catch(function () {
        target.parentNode.removeChild(target);
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhance);
  } else {
    enhance();
  }
})();
