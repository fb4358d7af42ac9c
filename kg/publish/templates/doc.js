/* industry-kg document pages: the mention filters, and a sentence's relations highlighted beside the text.
   The page is complete without this script: the marks, links and the list of relations are its HTML. */
(function () {
  "use strict";
  var body = document.body;
  document.querySelectorAll("#mention-filter input").forEach(function (box) {
    box.addEventListener("change", function () { body.classList.toggle("hide-" + box.dataset.type, !box.checked); });
  });

  var info = document.getElementById("info");
  function el(tag, text, className) {
    var e = document.createElement(tag);
    if (text !== undefined) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  // The relations a sentence states, highlighted in the list (and copied into the panel above it).
  function pick(sentence) {
    document.querySelectorAll("#text .ev.on, #statement-list li.on").forEach(function (x) { x.classList.remove("on"); });
    if (!sentence) { info.replaceChildren(); return []; }
    sentence.classList.add("on");
    var items = (sentence.dataset.r || "").split(" ").filter(Boolean).map(function (n) {
      return document.getElementById("r" + n);
    }).filter(Boolean);
    items.forEach(function (li) { li.classList.add("on"); });
    var list = el("ul");
    items.forEach(function (li) {
      var copy = li.cloneNode(true);
      copy.removeAttribute("id");
      list.appendChild(copy);
    });
    info.replaceChildren(el("h2", "This sentence states " + items.length + " relation" + (items.length === 1 ? "" : "s")), list);
    return items.map(function (li) { return li.id; });
  }
  window.kgDocument = { pick: function (id) { return pick(document.getElementById(id)); } };

  document.getElementById("text").addEventListener("click", function (event) {
    if (event.target.closest("a")) { return; }
    pick(event.target.closest(".ev"));
  });
  document.getElementById("text").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && event.target.classList.contains("ev")) { pick(event.target); }
  });

  function fromAddress() {
    var id = location.hash.slice(1), target = id && document.getElementById(id);
    if (target && target.classList.contains("ev")) { pick(target); }
  }
  window.addEventListener("hashchange", fromAddress);
  fromAddress();
}());
