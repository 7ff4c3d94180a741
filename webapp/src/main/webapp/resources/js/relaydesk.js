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
