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

  /** "Load images" of one message: its held-back images load through the desk's image proxy. */
  Relaydesk.loadRemoteImages = function (button) {
    var message = button.closest(".rd-msg");
    Array.prototype.forEach.call(message.querySelectorAll("img[data-remote-src]"), function (image) {
      image.src = image.getAttribute("data-remote-src");
      image.removeAttribute("data-remote-src");
    });
    button.disabled = true;
    button.textContent = "Images loaded";
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
   * Rich-text boxes are PrimeFaces' text editor (Quill 2), reached by widget name: Ajax re-renders
   * build a new editor, so it is looked up each time.
   */
  function editorWidget(widgetVar) {
    var w = window.PrimeFaces && PrimeFaces.widgets[widgetVar];
    return w && w.editor ? w : null;
  }
  /** Clean HTML: real ul/ol lists and pre blocks rather than the editor's internal markup. */
  function editorHtml(w) {
    if (w.editor.getLength() <= 1) { return ""; }
    // Quill 2 writes every space as &nbsp;, which would reach the customer's mail as such: a run of
    // n spaces becomes one space and n - 1 &nbsp; (so that runs still show)
    return w.editor.getSemanticHTML().replace(/(&nbsp;)+/g, function (run) { return " " + new Array(run.length / 6).join("&nbsp;"); });
  }
  Relaydesk.editorText = function (widgetVar) {
    var w = editorWidget(widgetVar);
    return w ? w.editor.getText().trim() : "";
  };
  Relaydesk.focusEditor = function (widgetVar) {
    var w = editorWidget(widgetVar);
    if (w) { w.editor.focus(); w.editor.setSelection(w.editor.getLength() - 1, 0, "user"); }
  };
  /** Server-rendered (sanitized) HTML goes in at index, or where the caret is, or at the end. */
  /** "@handle " typed into a rich-text box at {@code index} (a colleague picked from the mention list). */
  Relaydesk.insertMention = function (widgetVar, handle, index) {
    var w = editorWidget(widgetVar);
    if (!w) { return; }
    w.editor.insertText(index, "@" + handle + " ", "user");
    w.editor.setSelection(index + handle.length + 2, 0, "user");
  };

  Relaydesk.insertHtml = function (widgetVar, html, index) {
    var w = editorWidget(widgetVar);
    if (!w || !html) { return; }
    // a picker in the toolbar has the focus by now: the caret is the one the editor last had
    var at = index !== undefined && index !== null ? index : w.rdCaret !== undefined ? w.rdCaret : w.editor.getLength() - 1;
    w.editor.clipboard.dangerouslyPasteHTML(Math.min(at, w.editor.getLength() - 1), html, "user");
    w.editor.focus();
  };

  /**
   * Called from a script right after the editor, so that it runs again whenever Ajax re-renders it.
   * The form's hidden field follows every keystroke (PrimeFaces fills it only when the editor loses
   * focus, too late for drafts and presence) and holds clean HTML; onChange() hears of each change.
   */
  Relaydesk.watchEditor = function (widgetVar, label, onChange) {
    var tries = 0;
    (function attach() {
      var w = editorWidget(widgetVar);
      // after an Ajax update the registry may still hold the editor that was replaced
      if (!w || !document.body.contains(w.editor.root)) { if (tries++ < 200) { setTimeout(attach, 25); } return; }
      if (w.editor.rdWatched) { return; }
      w.editor.rdWatched = true;
      w.getEditorValue = function () { return editorHtml(w); };
      w.editor.root.setAttribute("aria-label", label);
      w.editor.root.setAttribute("data-editor", widgetVar);
      w.input.val(editorHtml(w));
      w.editor.on("selection-change", function (range) { if (range) { w.rdCaret = range.index; } });
      w.editor.on("text-change", function () {
        var selection = w.editor.getSelection();
        if (selection) { w.rdCaret = selection.index; }
        w.input.val(editorHtml(w));
        if (onChange) { onChange(w); }
        document.dispatchEvent(new CustomEvent("relaydesk:editor-change", { detail: widgetVar }));
      });
      document.dispatchEvent(new CustomEvent("relaydesk:editor", { detail: widgetVar }));
    })();
  };

  /**
   * "/" + shortcut in a rich-text box: a list of the canned responses whose shortcut starts with what
   * was typed; arrows move, Enter or Tab picks, Escape closes. Picking removes the typed "/shortcut"
   * and calls pick(shortcut, index) so the server renders the response for this ticket and the page
   * inserts it where it was typed. Keys are caught before the editor sees them (capture phase),
   * so Enter picks instead of starting a new line.
   */
  Relaydesk.cannedShortcuts = function (widgetVar, listId, pick, trigger) {
    var active = -1;
    var last = null;
    // "/" for canned responses; "@" for colleagues to mention (their handles may hold dots, "+" and "@")
    var pattern = trigger === "@" ? /(^|\s)@([a-z0-9._%+@-]*)$/i : /(^|\s)\/([a-z0-9_-]*)$/i;
    function list() { return document.getElementById(listId); }
    function typed() {
      var w = editorWidget(widgetVar);
      var selection = w && w.editor.getSelection();
      if (!selection) { return null; }
      var m = pattern.exec(w.editor.getText(0, selection.index));
      return m ? { word: m[2].toLowerCase(), start: selection.index - m[2].length - 1, end: selection.index } : null;
    }
    function items() { return Array.prototype.slice.call(list().querySelectorAll("li")).filter(function (li) { return !li.hidden; }); }
    function close() { var l = list(); if (l) { l.hidden = true; } active = -1; last = null; }
    function mark(index) {
      var shown = items();
      if (shown.length === 0) { return; }
      active = (index + shown.length) % shown.length;
      shown.forEach(function (li, i) { li.classList.toggle("rd-suggest-active", i === active); li.setAttribute("aria-selected", i === active); });
    }
    function choose(li) {
      var t = last;
      var w = editorWidget(widgetVar);
      if (!t || !li || !w) { close(); return; }
      w.editor.deleteText(t.start, t.end - t.start, "user");
      close();
      pick(li.getAttribute("data-shortcut"), t.start);
    }
    function update() {
      var t = typed();
      var l = list();
      if (!t || !l) { close(); return; }
      last = t;
      var any = false;
      Array.prototype.forEach.call(l.querySelectorAll("li"), function (li) {
        var words = (li.getAttribute("data-shortcut") + " " + (li.getAttribute("data-name") || "")).toLowerCase();
        li.hidden = li.getAttribute("data-shortcut").indexOf(t.word) !== 0 && (trigger !== "@" || words.indexOf(t.word) < 0);
        any = any || !li.hidden;
      });
      l.hidden = !any;
      if (any) { mark(0); }
    }
    function inEditor(target) { return target.closest && target.closest("[data-editor='" + widgetVar + "']"); }
    // after the editor has applied the change (and moved the caret)
    document.addEventListener("relaydesk:editor-change", function (e) {
      if (e.detail === widgetVar) { setTimeout(update, 0); }
    });
    // a press on the list must not take the caret out of the editor
    document.addEventListener("mousedown", function (e) {
      if (e.target.closest && e.target.closest("#" + listId)) { e.preventDefault(); }
    });
    document.addEventListener("click", function (e) {
      var li = e.target.closest && e.target.closest("#" + listId + " li");
      if (li) { e.preventDefault(); choose(li); } else if (!inEditor(e.target)) { close(); }
    });
    document.addEventListener("keydown", function (e) {
      var l = list();
      if (!inEditor(e.target) || !l || l.hidden) { return; }
      var handled = true;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") { mark(active + (e.key === "ArrowDown" ? 1 : -1)); }
      else if (e.key === "Enter" || e.key === "Tab") { choose(items()[active]); }
      else if (e.key === "Escape") { close(); }
      else { handled = false; }
      if (handled) { e.preventDefault(); e.stopPropagation(); }
    }, true);
  };

  /**
   * Drafts of a form kept in this browser (per signed-in user) until it is sent: every field marked
   * data-draft is saved as it changes and restored when the form opens again.
   */
  function draftKey(name) { return "relaydesk:draft:" + name + ":" + document.body.getAttribute("data-user"); }
  /** Each field marked data-draft, as {name, get(), set(value)}; a rich-text editor keeps its HTML. */
  function draftFields(formId) {
    var f = document.getElementById(formId);
    return f ? Array.prototype.map.call(f.querySelectorAll("[data-draft]"), function (m) {
      var name = m.getAttribute("data-draft");
      var editorVar = m.getAttribute("data-draft-editor");
      if (editorVar) {
        return {
          name: name,
          get: function () { var w = editorWidget(editorVar); return w ? editorHtml(w) : ""; },
          text: function () { return Relaydesk.editorText(editorVar); },
          set: function (v) { if (!editorWidget(editorVar)) { return false; } Relaydesk.insertHtml(editorVar, v, 0); return true; }
        };
      }
      // a component may put the marker on its wrapper: the field is then the input inside it
      var input = /^(INPUT|TEXTAREA)$/.test(m.tagName) ? m : m.querySelector("input, textarea");
      return input ? {
        name: name,
        get: function () { return input.value; },
        text: function () { return input.value.trim(); },
        set: function (v) { input.value = v; return true; }
      } : null;
    }).filter(Boolean) : [];
  }
  Relaydesk.saveDraft = function (name, formId) {
    var values = {};
    var any = false;
    draftFields(formId || name).forEach(function (field) {
      values[field.name] = field.get();
      any = any || field.text().length > 0;
    });
    if (any) { localStorage.setItem(draftKey(name), JSON.stringify(values)); } else { localStorage.removeItem(draftKey(name)); }
    var state = document.getElementById("draft-state");
    if (state) { state.textContent = any ? "Draft saved" : ""; }
  };
  Relaydesk.clearDraft = function (name) { localStorage.removeItem(draftKey(name)); };
  /** Restores a kept draft into the empty fields, then keeps saving; editors are filled once they stand. */
  Relaydesk.keepDraft = function (name, formId) {
    var saved = localStorage.getItem(draftKey(name));
    var values = saved ? JSON.parse(saved) : {};
    function restore() {
      draftFields(formId).forEach(function (field) {
        var v = values[field.name];
        if (v && field.text().length === 0 && field.set(v)) { delete values[field.name]; }
      });
    }
    if (saved) {
      restore();
      document.addEventListener("relaydesk:editor", restore);
      var state = document.getElementById("draft-state");
      if (state) { state.textContent = "Draft restored"; }
    }
    // every change: a draft must hold what was typed even if the page is left at once
    var save = function () { Relaydesk.saveDraft(name, formId); };
    document.addEventListener("input", save);
    document.addEventListener("relaydesk:editor-change", save);
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

  /**
   * Skeleton loaders: while a request the agent made (PrimeFaces' "global" Ajax) is on its way, the
   * parts marked .rd-skeleton-host show shimmering grey bars instead of stale rows. Only after 150 ms,
   * so that a quick answer never flickers; live refreshes are not global and never show them.
   */
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.jQuery) { return; }
    var skeletonTimer = null;
    jQuery(document).on("pfAjaxSend", function () {
      clearTimeout(skeletonTimer);
      skeletonTimer = setTimeout(function () {
        Array.prototype.forEach.call(document.querySelectorAll(".rd-skeleton-host"), function (el) { el.setAttribute("aria-busy", "true"); });
      }, 150);
    }).on("pfAjaxComplete", function () {
      clearTimeout(skeletonTimer);
      Array.prototype.forEach.call(document.querySelectorAll(".rd-skeleton-host[aria-busy]"), function (el) { el.removeAttribute("aria-busy"); });
    });
  });

  /**
   * SLA countdowns (.rd-countdown[data-due]) tick in the browser between page updates, with the same
   * words as the server ("in 25 min", "12 min overdue"); one passing its due time turns red at once.
   */
  function span(ms) {
    var minutes = Math.max(1, Math.ceil(ms / 60000));
    if (minutes < 60) { return minutes + " min"; }
    if (minutes < 1440) { return Math.floor(minutes / 60) + " h" + (minutes % 60 ? " " + (minutes % 60) + " min" : ""); }
    var hours = Math.floor(minutes / 60);
    return Math.floor(hours / 24) + " d" + (hours % 24 ? " " + (hours % 24) + " h" : "");
  }
  Relaydesk.tickCountdowns = function () {
    var now = Date.now();
    Array.prototype.forEach.call(document.querySelectorAll(".rd-countdown[data-due]"), function (el) {
      var left = Date.parse(el.getAttribute("data-due")) - now;
      el.textContent = left < 0 ? span(-left) + " overdue" : "in " + span(left);
      if (left < 0 && !el.classList.contains("rd-sla-breached")) {
        el.classList.remove("rd-sla-on_track", "rd-sla-at_risk");
        el.classList.add("rd-sla-breached");
      }
    });
    // a messaging conversation's window (MessagingReply): open until data-until, then only templates
    Array.prototype.forEach.call(document.querySelectorAll(".rd-window[data-until]"), function (el) {
      var until = el.getAttribute("data-until");
      if (!until) { return; }
      var left = Date.parse(until) - now;
      if (left > 0) {
        el.textContent = "Window open " + span(left);
      } else {
        el.textContent = "Window closed — only approved templates";
        el.classList.remove("rd-window-open");
        el.classList.add("rd-window-closed");
        el.removeAttribute("data-until");
      }
    });
  };
  document.addEventListener("DOMContentLoaded", function () { setInterval(Relaydesk.tickCountdowns, 15000); });

  /**
   * Lists whose rows are reordered by dragging (the workflow builder): a list marked
   * data-sortable="remoteCommandName" calls that command with the row moved and the row dropped on.
   */
  Relaydesk.sortableLists = function () {
    if (Relaydesk.sortableListsOn) { return; }
    Relaydesk.sortableListsOn = true;
    var dragged = null;
    document.addEventListener("dragstart", function (e) {
      var row = e.target.closest && e.target.closest("[data-sortable] > [data-index]");
      if (!row) { return; }
      dragged = row;
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", row.getAttribute("data-index"));
    });
    document.addEventListener("dragover", function (e) {
      var row = dragged && e.target.closest && e.target.closest("[data-sortable] > [data-index]");
      if (row && row.parentNode === dragged.parentNode) { e.preventDefault(); }
    });
    document.addEventListener("drop", function (e) {
      var row = dragged && e.target.closest && e.target.closest("[data-sortable] > [data-index]");
      if (!row || row.parentNode !== dragged.parentNode || row === dragged) { dragged = null; return; }
      e.preventDefault();
      var command = window[row.parentNode.getAttribute("data-sortable")];
      if (command) { command([{ name: "from", value: dragged.getAttribute("data-index") }, { name: "to", value: row.getAttribute("data-index") }]); }
      dragged = null;
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
