// Keyboard shortcuts for the review queue (<table id="review-queue"> with
// <tr class="review-row" data-event-id="..." tabindex="0"> rows, each holding
// <form class="act-confirm"> and <form class="act-reject"> (whose reason field is required), and
// <table id="duplicate-pairs"> with rows carrying data-merge-url):
//   j / k      next / previous row          c   confirm the focused row
//   o / Enter  open the event               r   ask why, then reject: focuses the row's reason field
//   m          preview merging the pair     u   undo the action the notice reports
//   ?          show or hide #shortcuts-help  Esc hide it
// Keys typed into inputs, selects and textareas, or with Ctrl/Alt/Meta, are left alone.
// After a confirm or reject the page reloads; focus then returns to the same position in the
// queue (the next event once the reviewed one has left it).
(function () {
  "use strict";

  var STORE_KEY = "claimgraph.review.position";

  function table() {
    return document.getElementById("review-queue");
  }

  // Pair rows first (they sit above the queue), then the queue's rows.
  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll("#duplicate-pairs tr.review-row, #review-queue tr.review-row"));
  }

  function currentRow() {
    var a = document.activeElement;
    return a && a.closest ? a.closest("tr.review-row") : null;
  }

  // r: the reason first. Focus the row's reason field; Enter in it submits the form (the
  // browser refuses an empty reason: the field is required).
  function askReason(row) {
    var note = row.querySelector("form.act-reject input[name=note]");
    if (note) note.focus();
  }

  function undo() {
    var button = document.querySelector("#action-notice form button");
    if (button) button.click();
  }

  function focusRow(row) {
    if (!row) return;
    row.focus();
    if (row.scrollIntoView) row.scrollIntoView({ block: "nearest" });
  }

  function move(delta) {
    var all = rows();
    if (!all.length) return;
    var i = all.indexOf(currentRow());
    var next = i < 0 ? (delta > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, i + delta));
    focusRow(all[next]);
  }

  function submit(row, cls) {
    if (!row || row.getAttribute("data-submitting")) return;
    var form = row.querySelector("form." + cls);
    if (!form) return;
    row.setAttribute("data-submitting", "1");
    row.classList.add("done");
    try {
      window.sessionStorage.setItem(STORE_KEY, String(rows().indexOf(row)));
    } catch (e) {
      /* storage may be disabled: focus just starts at the top */
    }
    if (typeof form.requestSubmit === "function") form.requestSubmit();
    else form.submit();
  }

  function open(row) {
    var id = row && row.getAttribute("data-event-id");
    if (id) window.location.href = "/events/" + encodeURIComponent(id);
  }

  function toggleHelp(show) {
    var help = document.getElementById("shortcuts-help");
    if (!help) return;
    help.hidden = show === undefined ? !help.hidden : !show;
  }

  function typing(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName;
    if (tag === "TEXTAREA" || tag === "SELECT" || target.isContentEditable) return true;
    if (tag === "INPUT") {
      var type = (target.getAttribute("type") || "text").toLowerCase();
      return ["button", "submit", "reset", "checkbox", "radio", "hidden"].indexOf(type) < 0;
    }
    return false;
  }

  function onKey(e) {
    if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return;
    if (typing(e.target)) return;
    var row = currentRow();
    switch (e.key) {
      case "j":
        move(1);
        break;
      case "k":
        move(-1);
        break;
      case "c":
        if (!row) return;
        submit(row, "act-confirm");
        break;
      case "r":
        if (!row) return;
        askReason(row);
        break;
      case "m":
        if (!row || !row.getAttribute("data-merge-url")) return;
        window.location.href = row.getAttribute("data-merge-url");
        break;
      case "u":
        undo();
        break;
      case "o":
        if (!row) return;
        open(row);
        break;
      case "Enter":
        // Enter on a button or link inside the row does what that control does.
        if (!row || e.target !== row) return;
        open(row);
        break;
      case "?":
        toggleHelp();
        break;
      case "Escape": {
        var help = document.getElementById("shortcuts-help");
        if (!help || help.hidden) return;
        toggleHelp(false);
        break;
      }
      default:
        return;
    }
    e.preventDefault();
  }

  // Merge preview: preview again with the values chosen so far (the choices travel as choose_<field>).
  function previewChoices() {
    var button = document.querySelector("button.preview-choices");
    if (!button) return;
    button.addEventListener("click", function () {
      var url = new URL(button.getAttribute("data-url"), window.location.href);
      document.querySelectorAll("#commit-form input[type=radio]:checked").forEach(function (r) {
        url.searchParams.set(r.name, r.value);
      });
      window.location.href = url.pathname + url.search;
    });
  }

  function init() {
    previewChoices();
    if (!table() && !document.getElementById("duplicate-pairs")) return;
    rows().forEach(function (row) {
      var c = row.querySelector("form.act-confirm [type=submit], form.act-confirm button");
      var r = row.querySelector("form.act-reject [type=submit], form.act-reject button");
      if (c) c.setAttribute("aria-keyshortcuts", "c");
      if (r) r.setAttribute("aria-keyshortcuts", "r");
    });
    document.addEventListener("keydown", onKey);
    var saved = null;
    try {
      saved = window.sessionStorage.getItem(STORE_KEY);
      window.sessionStorage.removeItem(STORE_KEY);
    } catch (e) {
      saved = null;
    }
    if (saved !== null) {
      var all = rows();
      var i = parseInt(saved, 10);
      if (all.length && isFinite(i)) focusRow(all[Math.min(Math.max(i, 0), all.length - 1)]);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
