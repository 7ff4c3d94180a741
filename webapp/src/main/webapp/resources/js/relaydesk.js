/* Relaydesk panels: realtime ticket changes arrive over the "tickets" WebSocket channel and are
   re-dispatched as a DOM event, so each page reacts to what concerns it. */
(function () {
  "use strict";
  var Relaydesk = window.Relaydesk = window.Relaydesk || {};

  /** Messages are {type: "ticket" | "presence", ...}; pages listen for "relaydesk:" + type. */
  Relaydesk.onTicketMessage = function (message) {
    document.dispatchEvent(new CustomEvent("relaydesk:" + (message.type || "ticket"), { detail: message }));
  };

  /** The page shows whether live updates are connected (body[data-live] = open or closed). */
  Relaydesk.onLiveOpen = function () {
    document.body.setAttribute("data-live", "open");
  };

  Relaydesk.onLiveClose = function () {
    document.body.setAttribute("data-live", "closed");
  };

  /** "Bob is viewing", "Bob is replying": everyone on this ticket but me. */
  Relaydesk.showPresence = function (element, viewers, me) {
    var others = viewers.filter(function (v) { return v.id !== me; });
    if (others.length === 0) { element.hidden = true; element.textContent = ""; return; }
    element.textContent = others.map(function (v) {
      return v.name + (v.replying ? " is replying" : " is viewing");
    }).join(" · ");
    element.classList.toggle("rd-presence-replying", others.some(function (v) { return v.replying; }));
    element.hidden = false;
  };

  /**
   * Single-key shortcuts, ignored while typing in a field or with a modifier held. "?" always opens
   * the list of shortcuts (the dialog #shortcuts of the panel template).
   */
  Relaydesk.shortcuts = function (keys) {
    document.addEventListener("keydown", function (e) {
      var t = e.target;
      if (e.ctrlKey || e.metaKey || e.altKey || t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) { return; }
      var action = e.key === "?" ? function () { document.getElementById("shortcuts").showModal(); } : keys[e.key];
      if (action) { e.preventDefault(); action(); }
    });
  };

  /** j/k move through the queue's rows, o or Enter opens the marked ticket. */
  Relaydesk.queueShortcuts = function (tableBodyId) {
    var current = -1;
    function rows() { return Array.prototype.slice.call(document.querySelectorAll("[id='" + tableBodyId + "'] > tr[data-ri]")); }
    function mark(index) {
      var all = rows();
      if (all.length === 0) { return; }
      current = Math.max(0, Math.min(all.length - 1, index));
      all.forEach(function (row, i) { row.classList.toggle("rd-row-focus", i === current); });
      all[current].scrollIntoView({ block: "nearest" });
    }
    function open() {
      var row = rows()[current];
      var link = row && row.querySelector("a.rd-subject-link");
      if (link) { window.location.href = link.href; }
    }
    Relaydesk.shortcuts({ j: function () { mark(current + 1); }, k: function () { mark(current - 1); }, o: open, Enter: open,
      "/": function () { document.getElementById("queue:q").focus(); } });
  };

  /**
   * "/" + shortcut in a text box: a list of the canned responses whose shortcut starts with what was
   * typed; arrows move, Enter or Tab picks, Escape closes. Picking removes the typed "/shortcut" and
   * calls pick(shortcut, caret) so the server inserts the rendered response where it was typed.
   * Listeners are on the document: the box is re-rendered by Ajax updates.
   */
  Relaydesk.cannedShortcuts = function (boxId, listId, pick) {
    var active = -1;
    function box() { return document.getElementById(boxId); }
    function list() { return document.getElementById(listId); }
    function typed() {
      var b = box();
      var before = b.value.substring(0, b.selectionStart);
      var m = /(^|\s)\/([a-z0-9_-]*)$/i.exec(before);
      return m ? { word: m[2].toLowerCase(), start: b.selectionStart - m[2].length - 1 } : null;
    }
    function items() { return Array.prototype.slice.call(list().querySelectorAll("li")).filter(function (li) { return !li.hidden; }); }
    function close() { var l = list(); if (l) { l.hidden = true; } active = -1; }
    function mark(index) {
      var shown = items();
      if (shown.length === 0) { return; }
      active = (index + shown.length) % shown.length;
      shown.forEach(function (li, i) { li.classList.toggle("rd-suggest-active", i === active); li.setAttribute("aria-selected", i === active); });
    }
    function choose(li) {
      var t = typed();
      var b = box();
      if (!t || !li) { close(); return; }
      b.value = b.value.substring(0, t.start) + b.value.substring(b.selectionStart);
      close();
      pick(li.getAttribute("data-shortcut"), t.start);
    }
    function update() {
      var t = typed();
      var l = list();
      if (!t || !l) { close(); return; }
      var any = false;
      Array.prototype.forEach.call(l.querySelectorAll("li"), function (li) {
        li.hidden = li.getAttribute("data-shortcut").indexOf(t.word) !== 0;
        any = any || !li.hidden;
      });
      l.hidden = !any;
      if (any) { mark(0); }
    }
    document.addEventListener("input", function (e) { if (e.target.id === boxId) { update(); } });
    document.addEventListener("click", function (e) {
      var li = e.target.closest && e.target.closest("#" + listId + " li");
      if (li) { e.preventDefault(); choose(li); } else if (e.target.id !== boxId) { close(); }
    });
    document.addEventListener("keydown", function (e) {
      var l = list();
      if (e.target.id !== boxId || !l || l.hidden) { return; }
      if (e.key === "ArrowDown" || e.key === "ArrowUp") { e.preventDefault(); mark(active + (e.key === "ArrowDown" ? 1 : -1)); }
      else if (e.key === "Enter" || e.key === "Tab") { e.preventDefault(); choose(items()[active]); }
      else if (e.key === "Escape") { e.preventDefault(); close(); }
    });
  };

  /** After an Ajax update replaced a text box: focus it with the caret at the end. */
  Relaydesk.focusEnd = function (id) {
    var b = document.getElementById(id);
    if (b) { b.focus(); b.selectionStart = b.selectionEnd = b.value.length; }
  };

  /**
   * Drafts of a form kept in this browser (per signed-in user) until it is sent: every field marked
   * data-draft is saved as it changes and restored when the form opens again.
   */
  function draftKey(name) { return "relaydesk:draft:" + name + ":" + document.body.getAttribute("data-user"); }
  function draftFields(formId) {
    var f = document.getElementById(formId);
    // a component may put the marker on its wrapper: the field is then the input inside it
    return f ? Array.prototype.map.call(f.querySelectorAll("[data-draft]"), function (m) {
      var input = /^(INPUT|TEXTAREA)$/.test(m.tagName) ? m : m.querySelector("input, textarea");
      if (input) { input.setAttribute("data-draft", m.getAttribute("data-draft")); }
      return input;
    }).filter(Boolean) : [];
  }
  Relaydesk.saveDraft = function (name, formId) {
    var values = {};
    var any = false;
    Array.prototype.forEach.call(draftFields(formId || name), function (field) {
      values[field.getAttribute("data-draft")] = field.value;
      any = any || field.value.trim().length > 0;
    });
    if (any) { localStorage.setItem(draftKey(name), JSON.stringify(values)); } else { localStorage.removeItem(draftKey(name)); }
    var state = document.getElementById("draft-state");
    if (state) { state.textContent = any ? "Draft saved" : ""; }
  };
  Relaydesk.clearDraft = function (name) { localStorage.removeItem(draftKey(name)); };
  Relaydesk.keepDraft = function (name, formId) {
    var saved = localStorage.getItem(draftKey(name));
    if (saved) {
      var values = JSON.parse(saved);
      Array.prototype.forEach.call(draftFields(formId), function (field) {
        var v = values[field.getAttribute("data-draft")];
        if (v && !field.value) { field.value = v; }
      });
      var state = document.getElementById("draft-state");
      if (state) { state.textContent = "Draft restored"; }
    }
    // every keystroke: a draft must hold what was typed even if the page is left at once
    document.addEventListener("input", function () { Relaydesk.saveDraft(name, formId); });
  };

  /**
   * The queue's board: cards are dragged onto another status column; onMove(ticketId, status) asks
   * the server, which applies the ticket's own status rules. Listeners sit on the document, since
   * the board is re-rendered by live updates.
   */
  Relaydesk.board = function (onMove) {
    var dragged = null;
    document.addEventListener("dragstart", function (e) {
      var card = e.target.closest && e.target.closest(".rd-card-ticket");
      if (!card) { return; }
      dragged = card;
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", card.getAttribute("data-ticket"));
      card.classList.add("rd-dragging");
    });
    document.addEventListener("dragend", function () {
      if (dragged) { dragged.classList.remove("rd-dragging"); }
      dragged = null;
      Array.prototype.forEach.call(document.querySelectorAll(".rd-drop-target"), function (c) { c.classList.remove("rd-drop-target"); });
    });
    document.addEventListener("dragover", function (e) {
      var column = dragged && e.target.closest && e.target.closest(".rd-board-column");
      if (column) { e.preventDefault(); column.classList.add("rd-drop-target"); }
    });
    document.addEventListener("dragleave", function (e) {
      var column = e.target.closest && e.target.closest(".rd-board-column");
      if (column && !column.contains(e.relatedTarget)) { column.classList.remove("rd-drop-target"); }
    });
    document.addEventListener("drop", function (e) {
      var column = dragged && e.target.closest && e.target.closest(".rd-board-column");
      if (!column) { return; }
      e.preventDefault();
      var from = dragged.closest(".rd-board-column");
      if (from !== column) {
        column.appendChild(dragged);
        onMove(dragged.getAttribute("data-ticket"), column.getAttribute("data-status"));
      }
    });
  };

  /** Calls fn at most once per wait ms, always with the latest call last (bursts of changes). */
  Relaydesk.throttle = function (fn, wait) {
    var timer = null;
    var pending = false;
    return function () {
      if (timer) { pending = true; return; }
      fn();
      timer = setTimeout(function () {
        timer = null;
        if (pending) { pending = false; fn(); }
      }, wait);
    };
  };
})();
