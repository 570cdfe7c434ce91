// Quick exit: leave at once for a neutral site, replacing this page in the history where the
// browser allows, so the Back button does not return here. Works as a plain link without JS.
(function () {
  "use strict";
  function leave(event) {
    var link = document.getElementById("quick-exit");
    if (!link) { return; }
    if (event) { event.preventDefault(); }
    try { document.body.style.display = "none"; } catch (e) { /* ignore */ }
    window.location.replace(link.getAttribute("href"));
  }
  document.addEventListener("click", function (event) {
    var target = event.target.closest && event.target.closest("#quick-exit");
    if (target) { leave(event); }
  });
  // Pressing Escape twice quickly also leaves.
  var last = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var now = Date.now();
    if (now - last < 800) { leave(event); }
    last = now;
  });
})();
