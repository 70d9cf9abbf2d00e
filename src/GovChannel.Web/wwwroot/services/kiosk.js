// Kiosk idle timer: after data-idle-seconds without a touch, warn for 10 seconds, then go back to the start page.
(function () {
  var body = document.body;
  var idle = parseInt(body.getAttribute("data-idle-seconds"), 10) || 90;
  var home = body.getAttribute("data-home") || "/kiosk";
  var warning = document.getElementById("idle-warning");
  var countdown = document.getElementById("idle-countdown");
  var warnFor = Math.min(10, Math.max(1, Math.floor(idle / 3)));
  var idleTimer, tick, left;

  function goHome() { window.location.assign(home); }
  function stopWarning() { clearInterval(tick); warning.hidden = true; }
  function startWarning() {
    left = warnFor;
    countdown.textContent = left;
    warning.hidden = false;
    tick = setInterval(function () {
      left -= 1;
      countdown.textContent = left;
      if (left <= 0) { clearInterval(tick); goHome(); }
    }, 1000);
  }
  function reset() {
    stopWarning();
    clearTimeout(idleTimer);
    idleTimer = setTimeout(startWarning, Math.max(0, idle - warnFor) * 1000);
  }
  ["pointerdown", "keydown", "touchstart", "wheel"].forEach(function (e) { document.addEventListener(e, reset, { passive: true }); });
  document.getElementById("idle-stay").addEventListener("click", reset);
  reset();
})();
