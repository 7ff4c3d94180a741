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
