// Turns each chart's static SVG into an interactive Vega chart (tooltips), from the same
// Vega-Lite spec, where Vega and vega-embed have loaded. Without them the SVG stays: the page
// needs no script to be complete.
//
// A module, run after the deferred Vega scripts. The page's Content-Security-Policy forbids
// `new Function`, with which Vega compiles its expressions, so Vega parses them to syntax trees
// (`ast`) and its interpreter evaluates them; and forbids inline styles, so vega-embed and its
// tooltips add no <style> (report-charts.css styles them instead).
import { expressionInterpreter } from "vega-interpreter";

const OPTIONS = {
  actions: false,
  renderer: "svg",
  ast: true,
  expr: expressionInterpreter,
  defaultStyle: false,
  tooltip: { disableDefaultStyle: true },
};

function enhance() {
  if (typeof window.vegaEmbed !== "function") return;
  for (const graphic of document.querySelectorAll(".rd-report [data-rd-spec]")) {
    const source = document.getElementById(graphic.getAttribute("data-rd-spec"));
    if (!source) continue;
    const spec = JSON.parse(source.textContent);
    const target = document.createElement("div");
    target.className = "rd-chart__interactive";
    graphic.parentNode.insertBefore(target, graphic.nextSibling);
    window.vegaEmbed(target, spec, OPTIONS).then(() => {
      graphic.hidden = true;
    }).catch(() => {
      target.remove();
    });
  }
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", enhance);
} else {
  enhance();
}
