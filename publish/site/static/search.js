/* Find a council as you type: over search.json (code, name, place, address of its page), no library.
   Without JavaScript the form stays hidden and the A-Z list below does the job. */
(function () {
  "use strict";
  var form = document.getElementById("search");
  if (!form || !window.fetch) { return; }
  var input = document.getElementById("q");
  var results = document.getElementById("results");
  var status = document.getElementById("search-status");
  var councils = null;
  form.hidden = false;

  function fold(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function matches(council, words) {
    var hay = council.haystack;
    return words.every(function (w) { return hay.indexOf(w) !== -1; });
  }
  function show(found, query) {
    results.textContent = "";
    found.slice(0, 12).forEach(function (c) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = c.url;
      a.textContent = c.name;
      li.appendChild(a);
      var where = document.createElement("span");
      where.className = "small";
      where.textContent = " " + c.code + (c.place ? ", " + c.place : "") + ", " + c.nation;
      li.appendChild(where);
      results.appendChild(li);
    });
    status.textContent = query ? (found.length === 0 ? "No council matches \u201c" + query + "\u201d."
      : found.length + (found.length === 1 ? " council matches." : " councils match.")
        + (found.length > 12 ? " The first 12 are shown." : "")) : "";
  }
  function search() {
    var query = input.value.trim();
    if (!councils) { return; }
    var words = fold(query).split(/\s+/).filter(Boolean);
    show(words.length ? councils.filter(function (c) { return matches(c, words); }) : [], query);
  }
  fetch(form.getAttribute("data-index")).then(function (r) { return r.json(); }).then(function (data) {
    councils = data.councils.map(function (c) {
      c.haystack = fold([c.name, c.code, c.place, c.nation, c.gss].join(" "));
      return c;
    });
    search();
  });
  input.addEventListener("input", search);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = results.querySelector("a");
    if (first) { window.location.href = first.href; }
  });
})();
