/* The letter page's "Copy the letter" button; without JavaScript the text is selected by hand. */
(function () {
  "use strict";
  var button = document.getElementById("copy");
  var text = document.getElementById("letter-text");
  var done = document.getElementById("copy-status");
  if (!button || !text) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    text.select();
    var copied = navigator.clipboard ? navigator.clipboard.writeText(text.value) : Promise.reject();
    copied.then(function () { done.textContent = "Copied."; },
                function () { done.textContent = "Select the text and copy it (Ctrl+C or \u2318C)."; });
  });
})();
