// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Upload progress: send the resource form with XMLHttpRequest so a <progress> bar can follow the upload;
  // then show wherever the server sent us (the same redirect or error page a plain submit would show).
  document.querySelectorAll("form[data-upload-progress]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      var file = form.querySelector("input[type=file]");
      if (!file || !file.files || file.files.length === 0 || !window.FormData) { return; }
      event.preventDefault();
      var data = new FormData(form);
      if (event.submitter && event.submitter.name) { data.append(event.submitter.name, event.submitter.value); }
      var status = form.querySelector("[data-progress]");
      var bar = status && status.querySelector("progress");
      if (status) { status.hidden = false; }
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || location.href);
      xhr.upload.addEventListener("progress", function (e) {
        if (bar && e.lengthComputable) { bar.value = Math.round(e.loaded * 100 / e.total); bar.textContent = bar.value + "%"; }
      });
      xhr.addEventListener("load", function () {
        if (xhr.status < 400 && xhr.responseURL && xhr.responseURL !== (form.action || location.href)) {
          location.assign(xhr.responseURL);
        } else {
          document.open(); document.write(xhr.responseText); document.close();
        }
      });
      xhr.addEventListener("error", function () { form.submit(); });
      xhr.send(data);
    });
  });

  // Suggest a URL name from an English title while the name field is still untouched.
  var title = document.getElementById("title");
  var name = document.getElementById("name");
  if (title && name && !name.value) {
    var touched = false;
    name.addEventListener("input", function () { touched = true; });
    title.addEventListener("input", function () {
      if (touched) { return; }
      var slug = title.value.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 100);
      if (slug.length >= 2) { name.value = slug; }
    });
  }
})();
