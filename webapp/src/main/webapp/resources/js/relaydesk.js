/* Relaydesk panels: realtime ticket changes arrive over the "tickets" WebSocket channel and are
   re-dispatched as a DOM event, so each page reacts to what concerns it. */
(function () {
  "use strict";
  var Relaydesk = window.Relaydesk = window.Relaydesk || {};

  Relaydesk.onTicketMessage = function (message) {
    document.dispatchEvent(new CustomEvent("relaydesk:ticket", { detail: message }));
  };

  /** The page shows whether live updates are connected (body[data-live] = open or closed). */
  Relaydesk.onLiveOpen = function () {
    document.body.setAttribute("data-live", "open");
  };

  Relaydesk.onLiveClose = function () {
    document.body.setAttribute("data-live", "closed");
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
