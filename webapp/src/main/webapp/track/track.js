// The customer's status page: the ticket its link opens (ticket id and access token after '#' in the
// address, or in the query of older links), its public messages, a reply box and, once it is solved,
// a rating. Everything goes through the public API; all text is set as text, never as HTML.
// The token is a key to the request: it is taken out of the address at once (so it is not in the
// history, a bookmark or a shared screenshot), kept for this tab only, and sent in a header, never a URL.
(function () {
  "use strict";
  var STORED = "relaydesk.track";
  var api = "api/public/tickets/";
  var el = function (id) { return document.getElementById(id); };

  function fromAddress() {
    var hash = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    var query = new URLSearchParams(window.location.search);
    var source = hash.get("token") ? hash : query;
    if (!source.get("ticket") || !source.get("token")) { return null; }
    return { ticket: source.get("ticket"), token: source.get("token") };
  }

  var link = fromAddress();
  if (link) {
    try { window.sessionStorage.setItem(STORED, JSON.stringify(link)); } catch (e) { /* private mode: this load still works */ }
  }
  if (window.location.search || window.location.hash) {
    window.history.replaceState(null, "", window.location.pathname);
  }
  if (!link) {
    try { link = JSON.parse(window.sessionStorage.getItem(STORED) || "null"); } catch (e) { link = null; }
  }
  var ticketId = link && link.ticket;
  var token = link && link.token;

  function offerFreshLink(text) {
    el("state").textContent = text;
    el("renew").hidden = false;
  }

  function problem(response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      var detail = body.errors && body.errors.length ? body.errors.map(function (e) { return e.message; }).join("; ") : body.detail;
      if (response.status === 429) { return "Too many requests from here; please try again in a minute."; }
      return detail || "Something went wrong (HTTP " + response.status + ").";
    });
  }

  function when(iso) {
    return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  function message(author, at, text, staff) {
    var item = document.createElement("li");
    if (staff) { item.className = "staff"; }
    var meta = document.createElement("div");
    meta.className = "track-meta";
    meta.textContent = author + " · " + when(at);
    var body = document.createElement("div");
    body.className = "track-body";
    body.textContent = text;
    item.appendChild(meta);
    item.appendChild(body);
    return item;
  }

  function show(view) {
    var ticket = view.ticket;
    document.title = ticket.ticket_number + " " + ticket.subject;
    el("number").textContent = ticket.ticket_number;
    el("subject").textContent = ticket.subject;
    el("status").textContent = ticket.status.replace(/_/g, " ");
    var thread = el("thread");
    thread.textContent = "";
    thread.appendChild(message(ticket.requester_name || ticket.requester_email, ticket.created_at, ticket.description, false));
    view.messages.forEach(function (m) {
      thread.appendChild(message(m.author_name || "Support", m.created_at, m.body_text, m.author_type !== "customer"));
    });
    var closedForReplies = ticket.status === "closed" || ticket.status === "cancelled";
    el("reply").hidden = closedForReplies;
    var solved = ticket.status === "resolved" || ticket.status === "closed";
    el("rating").hidden = !solved || view.satisfaction !== null;
    el("rated").hidden = view.satisfaction === null;
    if (view.satisfaction) {
      el("rated").textContent = "You rated this " + view.satisfaction.rating + " of 5. Thank you!";
    }
    el("state").hidden = true;
    el("request").hidden = false;
  }

  function load() {
    if (!ticketId || !token) {
      offerFreshLink("This link is incomplete. Open the link from your email again, or have a fresh one sent to you.");
      return Promise.resolve();
    }
    return fetch(api + encodeURIComponent(ticketId), { headers: { Accept: "application/json", "X-Access-Token": token } })
      .then(function (response) {
        if (response.status === 404) {
          try { window.sessionStorage.removeItem(STORED); } catch (e) { /* nothing kept */ }
          offerFreshLink("This link has expired or does not open a request. Links last 30 days after the last answer; "
            + "we can email you a fresh one.");
          return null;
        }
        if (!response.ok) { return problem(response).then(function (text) { el("state").textContent = text; }); }
        return response.json().then(show);
      })
      .catch(function () { el("state").textContent = "The help desk cannot be reached right now. Please try again later."; });
  }

  function post(path, body, button, error) {
    button.disabled = true;
    error.textContent = "";
    return fetch(api + encodeURIComponent(ticketId) + path, {
      method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" }, body: JSON.stringify(body)
    }).then(function (response) {
      if (!response.ok) { return problem(response).then(function (text) { error.textContent = text; return false; }); }
      return true;
    }).catch(function () {
      error.textContent = "The help desk cannot be reached right now. Your text is still here; try again.";
      return false;
    }).finally(function () { button.disabled = false; });
  }

  el("reply").addEventListener("submit", function (event) {
    event.preventDefault();
    var text = el("reply-body").value.trim();
    if (!text) { el("reply-error").textContent = "Write something first."; return; }
    post("/reply", { access_token: token, body: text }, event.submitter || el("reply").querySelector("button"), el("reply-error"))
      .then(function (ok) { if (ok) { el("reply-body").value = ""; return load(); } });
  });

  var chosen = 0;
  var stars = el("stars");
  for (var i = 1; i <= 5; i++) {
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "radio";
    input.name = "rating";
    input.value = String(i);
    label.appendChild(input);
    label.appendChild(document.createTextNode("★"));
    label.title = i + " of 5";
    input.addEventListener("change", function (e) {
      chosen = Number(e.target.value);
      Array.prototype.forEach.call(stars.children, function (l, n) { l.classList.toggle("on", n < chosen); });
    });
    stars.appendChild(label);
  }
  el("rating").addEventListener("submit", function (event) {
    event.preventDefault();
    if (!chosen) { el("rating-error").textContent = "Choose from one to five stars."; return; }
    post("/satisfaction", { access_token: token, rating: chosen, feedback: el("feedback").value.trim() },
      el("rating").querySelector("button"), el("rating-error")).then(function (ok) { if (ok) { return load(); } });
  });

  el("renew").addEventListener("submit", function (event) {
    event.preventDefault();
    var button = el("renew").querySelector("button");
    button.disabled = true;
    fetch(api + "links", {
      method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ email: el("renew-email").value.trim() })
    }).then(function (response) {
      if (!response.ok) { return problem(response).then(function (text) { el("renew-state").textContent = text; }); }
      // the same answer whether or not we know the address
      el("renew-state").textContent = "If we have requests for this address, we have emailed fresh links to it.";
    }).catch(function () {
      el("renew-state").textContent = "The help desk cannot be reached right now. Please try again later.";
    }).finally(function () { button.disabled = false; });
  });

  load();
}());
