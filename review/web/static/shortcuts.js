// Keyboard shortcuts on a flag's page: c confirms, r goes to the reject reason (Ctrl+Enter there sends it),
// n opens the next flag. Each key acts on the element marked data-key="c|r|n"; the help line is shown only
// when this script runs. Without it every button and link works as usual.
(function () {
  "use strict";
  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }
  function marked(key) {
    return document.querySelector('[data-key="' + key + '"]');
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target === marked("r")) {
      event.preventDefault();
      event.target.form.requestSubmit();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing || typing(event.target)) {
      return;
    }
    var target = "crn".indexOf(event.key) >= 0 && event.key.length === 1 ? marked(event.key) : null;
    if (!target) {
      return;
    }
    event.preventDefault();
    if (event.key === "r") {
      target.focus();
    } else {
      target.click();
    }
  });
  function showHelp() {
    if (marked("c") || marked("n")) {
      document.querySelectorAll(".keys[hidden]").forEach(function (help) { help.hidden = false; });
    }
  }
  if (document.readyState === "loading") {  // loaded with defer, the page is parsed already; this is a fallback
    document.addEventListener("DOMContentLoaded", showHelp);
  } else {
    showHelp();
  }
})();
