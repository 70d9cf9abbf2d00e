// Information display: show one slide at a time and move on every data-interval seconds.
(function () {
  var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
  var seconds = parseInt(document.body.getAttribute("data-interval"), 10) || 15;
  var current = slides.findIndex(function (s) { return !s.hidden; });
  if (current < 0) { current = 0; }
  setInterval(function () {
    slides[current].hidden = true;
    current = (current + 1) % slides.length;
    slides[current].hidden = false;
  }, seconds * 1000);
})();
