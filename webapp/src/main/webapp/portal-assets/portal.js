// The customer portal's pages. The server sends a branded frame (page name in <body data-page>);
// this script renders the page from /api/portal. All customer and staff text is set as text,
// never as HTML. Tokens from emailed links arrive after '#' (never sent to a server in a URL) and
// are taken out of the address at once.
(function () {
  "use strict";
  var body = document.body;
  var page = body.dataset.page;
  var workspace = body.dataset.workspace || "";
  var main = document.getElementById("main");
  var brand = document.querySelector("meta[name=brand-color]");
  if (brand && /^#[0-9A-Fa-f]{6}$/.test(brand.content)) {
    document.documentElement.style.setProperty("--brand", brand.content);
  }

  function h(tag, props) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === "text") { node.textContent = props[key]; }
      else if (key === "class") { node.className = props[key]; }
      else if (key.indexOf("on") === 0) { node.addEventListener(key.substring(2), props[key]); }
      else if (props[key] === true) { node.setAttribute(key, ""); }
      else if (props[key] !== false && props[key] != null) { node.setAttribute(key, props[key]); }
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child == null) { continue; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function problemText(status, data) {
    if (status === 429) { return (data && data.detail) || "Too many attempts; please wait a little and try again."; }
    if (data && data.errors && data.errors.length) {
      return data.errors.map(function (e) { return e.field.replace(/_/g, " ") + ": " + e.message; }).join("; ");
    }
    return (data && data.detail) || "Something went wrong (HTTP " + status + ").";
  }

  function api(method, path, payload) {
    var init = { method: method, credentials: "same-origin", headers: { Accept: "application/json" } };
    if (payload !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(payload);
    }
    return fetch("/api/portal" + path, init).then(function (response) {
      var read = response.status === 204 ? Promise.resolve(null) : response.json().catch(function () { return null; });
      return read.then(function (data) {
        if (response.status === 401 && signedInPage()) {
          window.location.assign("/portal/login?next=" + encodeURIComponent(window.location.pathname));
        }
        if (!response.ok) {
          var error = new Error(problemText(response.status, data));
          error.status = response.status;
          throw error;
        }
        return data;
      });
    });
  }

  function signedInPage() {
    return ["dashboard", "tickets", "new-ticket", "ticket", "profile", "whatsapp"].indexOf(page) >= 0;
  }

  function when(iso) {
    return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  }

  function tokenFromAddress() {
    var hash = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    var token = hash.get("token");
    if (window.location.hash) {
      window.history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    return token;
  }

  function safeNext() {
    var next = new URLSearchParams(window.location.search).get("next");
    return next && /^\/portal\/[A-Za-z0-9\/_-]*$/.test(next) ? next : "/portal/dashboard";
  }

  function status(text, kind) {
    return h("p", { class: "portal-" + (kind || "state"), role: kind === "error" ? "alert" : "status", text: text || "" });
  }

  function replaceMain() {
    var title = main.querySelector("h1");
    main.textContent = "";
    if (title) { main.appendChild(title); }
    for (var i = 0; i < arguments.length; i++) { if (arguments[i]) { main.appendChild(arguments[i]); } }
  }

  function field(label, input) {
    if (!input.id) { input.id = "f-" + label.toLowerCase().replace(/[^a-z]+/g, "-"); }
    return h("div", { class: "portal-field" }, h("label", { for: input.id, text: label }), input);
  }

  /** A form whose submit runs action(); its message line shows what happened. */
  function form(id, fields, buttonText, action) {
    var message = status("", "error");
    var button = h("button", { type: "submit", class: "portal-button", text: buttonText });
    var node = h("form", { id: id, class: "portal-form", novalidate: false });
    fields.forEach(function (f) { node.appendChild(f); });
    node.appendChild(button);
    node.appendChild(message);
    node.addEventListener("submit", function (event) {
      event.preventDefault();
      button.disabled = true;
      message.textContent = "";
      message.className = "portal-error";
      Promise.resolve().then(action).then(function (done) {
        button.disabled = false;
        if (typeof done === "string") { message.className = "portal-ok"; message.textContent = done; }
      }, function (error) {
        button.disabled = false;
        message.textContent = error.message;
      });
    });
    return node;
  }

  function readFiles(input) {
    return Promise.all(Array.prototype.map.call(input.files || [], function (file) {
      return new Promise(function (resolve, reject) {
        var reader = new FileReader();
        reader.onload = function () { resolve({ name: file.name, content_base64: String(reader.result).replace(/^data:[^,]*,/, "") }); };
        reader.onerror = function () { reject(new Error("Could not read " + file.name)); };
        reader.readAsDataURL(file);
      });
    }));
  }

  function ticketLink(t) {
    return h("a", { href: "/portal/tickets/" + t.number, class: "portal-ticket-link" },
      h("span", { class: "portal-number", text: t.ticket_number }), " ", t.subject);
  }

  function ticketTable(list) {
    if (!list.length) { return status("No tickets here."); }
    var rows = list.map(function (t) {
      return h("tr", null, h("td", null, ticketLink(t)), h("td", null, h("span", { class: "portal-status portal-status-" + t.status, text: t.status_label })),
        h("td", { text: t.requester_name }), h("td", { text: when(t.updated_at) }));
    });
    return h("table", { class: "portal-table" }, h("thead", null, h("tr", null, h("th", { text: "Ticket" }), h("th", { text: "Status" }),
      h("th", { text: "Requester" }), h("th", { text: "Last update" }))), h.apply(null, ["tbody", null].concat(rows)));
  }

  var pages = {};

  pages.login = function () {
    var email = h("input", { type: "email", id: "email", autocomplete: "email", maxlength: "320", required: true });
    var password = h("input", { type: "password", id: "password", autocomplete: "current-password", maxlength: "200", required: true });
    var linkEmail = h("input", { type: "email", id: "link-email", autocomplete: "email", maxlength: "320", required: true });
    replaceMain(
      form("login-form", [field("Email", email), field("Password", password)], "Sign in", function () {
        return api("POST", "/auth/login", { workspace: workspace, email: email.value, password: password.value }).then(function () {
          window.location.assign(safeNext());
        });
      }),
      h("h2", { text: "Or get a sign-in link by email" }),
      form("link-form", [field("Your email", linkEmail)], "Email me a link", function () {
        return api("POST", "/auth/login-link", { workspace: workspace, email: linkEmail.value }).then(function (r) { return r.message; });
      }),
      h("p", { class: "portal-links" }, h("a", { href: "/register" + (workspace ? "?workspace=" + encodeURIComponent(workspace) : ""), text: "Create an account" }),
        " · ", h("a", { href: "/portal/forgot-password" + (workspace ? "?workspace=" + encodeURIComponent(workspace) : ""), text: "Forgot your password?" }),
        " · ", h("a", { href: "/login", text: "Staff sign-in" })));
  };

  pages.register = function () {
    var name = h("input", { type: "text", id: "name", autocomplete: "name", maxlength: "200", required: true });
    var email = h("input", { type: "email", id: "email", autocomplete: "email", maxlength: "320", required: true });
    var password = h("input", { type: "password", id: "password", autocomplete: "new-password", minlength: "10", maxlength: "200", required: true });
    replaceMain(
      form("register-form", [field("Your name", name), field("Email", email),
        field("Password (at least 10 characters)", password)], "Create account", function () {
        return api("POST", "/auth/register", { workspace: workspace, name: name.value, email: email.value, password: password.value })
          .then(function (r) { return r.message; });
      }),
      h("p", { class: "portal-links" }, "Already have an account? ",
        h("a", { href: "/portal/login" + (workspace ? "?workspace=" + encodeURIComponent(workspace) : ""), text: "Sign in" })));
  };

  function redeem(path, doneText) {
    var token = tokenFromAddress();
    var line = status(doneText);
    replaceMain(line);
    if (!token) { line.textContent = "This link is incomplete. Please use the whole link from the email."; return; }
    api("POST", path, { token: token }).then(function () {
      window.location.assign("/portal/dashboard");
    }, function (error) {
      line.className = "portal-error";
      line.textContent = error.message;
    });
  }

  pages.verify = function () { redeem("/auth/verify", "Confirming your address…"); };
  pages["sign-in"] = function () { redeem("/auth/login-link/redeem", "Signing you in…"); };

  pages["forgot-password"] = function () {
    var email = h("input", { type: "email", id: "email", autocomplete: "email", maxlength: "320", required: true });
    replaceMain(form("forgot-form", [field("Email", email)], "Email me a reset link", function () {
      return api("POST", "/auth/password-reset", { workspace: workspace, email: email.value }).then(function (r) { return r.message; });
    }));
  };

  pages["reset-password"] = function () {
    var token = tokenFromAddress();
    var password = h("input", { type: "password", id: "password", autocomplete: "new-password", minlength: "10", maxlength: "200", required: true });
    replaceMain(form("reset-form", [field("New password (at least 10 characters)", password)], "Save password", function () {
      return api("POST", "/auth/password-reset/complete", { token: token, password: password.value }).then(function () {
        window.location.assign("/portal/dashboard");
      });
    }));
  };

  pages.dashboard = function () {
    api("GET", "/dashboard").then(function (d) {
      var replies = d.recent_replies.length ? h.apply(null, ["ol", { class: "portal-replies" }].concat(d.recent_replies.map(function (r) {
        return h("li", null, h("a", { href: "/portal/tickets/" + r.number, text: r.ticket_number + " " + r.subject }),
          h("div", { class: "portal-meta", text: r.author_name + " · " + when(r.created_at) }), h("div", { class: "portal-excerpt", text: r.body_text }));
      }))) : status("No answers yet.");
      replaceMain(h("h2", { text: "Open tickets (" + d.open_count + ")" }), ticketTable(d.open_tickets),
        h("p", null, h("a", { href: "/portal/tickets/new", class: "portal-button", text: "New ticket" })),
        h("h2", { text: "Recent replies" }), replies);
    }, function (e) { replaceMain(status(e.message, "error")); });
  };

  pages.tickets = function () {
    var params = new URLSearchParams(window.location.search);
    var state = ["open", "solved", "all"].indexOf(params.get("status")) >= 0 ? params.get("status") : "all";
    var scope = params.get("scope") === "organization" ? "organization" : "mine";
    var pageNumber = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
    api("GET", "/me").then(function (me) {
      return api("GET", "/tickets?status=" + state + "&scope=" + scope + "&page=" + pageNumber).then(function (list) {
        function url(s, sc, p) { return "/portal/tickets?status=" + s + "&scope=" + sc + "&page=" + p; }
        var filters = h("nav", { class: "portal-filters", "aria-label": "Filter" });
        [["all", "All"], ["open", "Open"], ["solved", "Solved"]].forEach(function (f) {
          filters.appendChild(h("a", { href: url(f[0], scope, 1), class: f[0] === state ? "active" : null, "aria-current": f[0] === state ? "page" : null, text: f[1] }));
        });
        if (me.shares_organization) {
          filters.appendChild(h("a", { href: url(state, scope === "mine" ? "organization" : "mine", 1),
            text: scope === "mine" ? "My organisation's tickets" : "Only mine" }));
        }
        var paging = h("p", { class: "portal-paging" }, "Page " + list.pagination.page + " of " + list.pagination.totalPages + " ");
        if (pageNumber > 1) { paging.appendChild(h("a", { href: url(state, scope, pageNumber - 1), text: "Previous" })); }
        if (pageNumber < list.pagination.totalPages) { paging.appendChild(h("a", { href: url(state, scope, pageNumber + 1), text: "Next" })); }
        replaceMain(filters, ticketTable(list.data), paging);
      });
    }).catch(function (e) { replaceMain(status(e.message, "error")); });
  };

  pages["new-ticket"] = function () {
    var subject = h("input", { type: "text", id: "subject", maxlength: "500", required: true });
    var description = h("textarea", { id: "description", rows: "8", maxlength: "20000", required: true });
    var files = h("input", { type: "file", id: "files", multiple: true });
    replaceMain(form("new-ticket-form", [field("Subject", subject), field("Describe your request", description), field("Files (optional)", files)],
      "Send", function () {
        return readFiles(files).then(function (list) {
          return api("POST", "/tickets", { subject: subject.value, description: description.value, files: list });
        }).then(function (t) { window.location.assign("/portal/tickets/" + t.number); });
      }));
  };

  pages.ticket = function () {
    var number = body.dataset.ticket;
    api("GET", "/tickets/" + number).then(function (t) {
      function fileList(list) {
        if (!list.length) { return null; }
        return h.apply(null, ["ul", { class: "portal-files" }].concat(list.map(function (f) {
          return h("li", null, h("a", { href: f.url, text: f.file_name }), " (" + Math.max(1, Math.round(f.size / 1024)) + " KB)");
        })));
      }
      var thread = h("ol", { class: "portal-thread", id: "thread" },
        h("li", { class: "customer" }, h("div", { class: "portal-meta", text: t.ticket.requester_name + " · " + when(t.ticket.created_at) }),
          h("div", { class: "portal-body", text: t.description || "" }), fileList(t.files)));
      t.messages.forEach(function (m) {
        thread.appendChild(h("li", { class: m.author_type === "agent" ? "staff" : "customer" },
          h("div", { class: "portal-meta", text: m.author_name + " · " + when(m.created_at) }),
          h("div", { class: "portal-body", text: m.body_text }), fileList(m.files)));
      });
      var parts = [h("p", { class: "portal-head" }, h("span", { class: "portal-number", text: t.ticket.ticket_number }), " ",
        h("strong", { id: "subject", text: t.ticket.subject }), " ",
        h("span", { id: "status", class: "portal-status portal-status-" + t.ticket.status, text: t.ticket.status_label })), thread];
      if (t.may_reply) {
        var reply = h("textarea", { id: "reply-body", rows: "5", maxlength: "20000", required: true });
        var replyFiles = h("input", { type: "file", id: "reply-files", multiple: true });
        parts.push(form("reply-form", [field("Your reply", reply), field("Files (optional)", replyFiles)], "Send reply", function () {
          return readFiles(replyFiles).then(function (list) {
            return api("POST", "/tickets/" + number + "/replies", { body: reply.value, files: list });
          }).then(function () { pages.ticket(); });
        }));
      }
      if (t.may_reopen) {
        parts.push(form("reopen-form", [], "Reopen this ticket", function () {
          return api("POST", "/tickets/" + number + "/reopen").then(function () { pages.ticket(); });
        }));
      }
      if (t.may_rate) {
        var stars = h("select", { id: "rating" }, h("option", { value: "", text: "Choose…" }));
        [5, 4, 3, 2, 1].forEach(function (n) { stars.appendChild(h("option", { value: String(n), text: n + " of 5" })); });
        var feedback = h("textarea", { id: "feedback", rows: "3", maxlength: "5000" });
        parts.push(h("h2", { text: "How did we do?" }), form("rating-form", [field("Your rating", stars), field("Anything to add? (optional)", feedback)],
          "Send rating", function () {
            return api("POST", "/tickets/" + number + "/rating", { rating: parseInt(stars.value, 10) || null, feedback: feedback.value })
              .then(function () { pages.ticket(); });
          }));
      }
      if (t.satisfaction) {
        parts.push(h("p", { id: "rated", class: "portal-ok", text: "You rated this " + t.satisfaction.rating + " of 5. Thank you!" }));
      }
      if (!t.own) { parts.push(status("A colleague's ticket, shown because your organisation shares its tickets.")); }
      replaceMain.apply(null, parts);
    }, function (e) { replaceMain(status(e.status === 404 ? "There is no such ticket of yours." : e.message, "error")); });
  };

  pages.profile = function () {
    api("GET", "/me").then(function (me) {
      var name = h("input", { type: "text", id: "name", maxlength: "200", required: true, value: me.name });
      var current = h("input", { type: "password", id: "current-password", autocomplete: "current-password", maxlength: "200", required: true });
      var minimum = String(me.password_min_length || 10);
      var next = h("input", { type: "password", id: "new-password", autocomplete: "new-password", minlength: minimum, maxlength: "200", required: true });
      replaceMain(h("p", { text: "Signed in as " + me.email + " at " + me.workspace_name + "." }),
        h("p", {}, h("a", { href: "/portal/profile/whatsapp", id: "whatsapp-link", text: "Your WhatsApp number" })),
        form("name-form", [field("Your name", name)], "Save name", function () {
          return api("PATCH", "/me", { name: name.value }).then(function () { return "Saved."; });
        }),
        h("h2", { text: "Change your password" }),
        form("password-form", [field("Current password", current), field("New password (at least " + minimum + " characters)", next)], "Change password", function () {
          return api("POST", "/me/password", { current_password: current.value, new_password: next.value }).then(function () {
            current.value = ""; next.value = "";
            return "Your password was changed; other devices were signed out.";
          });
        }),
        h("h2", { text: "Your data" }),
        h("p", { text: "Download everything we hold about you: your details, your requests with their messages and files, and your ratings, as JSON files in a ZIP archive." }),
        h("p", {}, h("a", { href: "/api/portal/me/export", id: "export-link", download: "", text: "Download my data" })));
    }, function (e) { replaceMain(status(e.message, "error")); });
  };

  // The WhatsApp number: ask for a code, enter it, see or remove the verified number.
  pages.whatsapp = function () {
    api("GET", "/me/whatsapp").then(function (s) {
      if (!s.available) {
        replaceMain(h("p", { id: "whatsapp-unavailable", text: "This help centre does not offer WhatsApp, so there is no number to verify here." }),
          h("p", {}, h("a", { href: "/portal/profile", text: "Back to your profile" })));
        return;
      }
      var parts = [];
      if (s.verified_number) {
        parts.push(h("p", { id: "whatsapp-verified" }, "Your verified WhatsApp number: ", h("strong", { text: s.verified_number })));
        parts.push(form("whatsapp-remove-form", [], "Remove this number", function () {
          return api("DELETE", "/me/whatsapp").then(function () { pages.whatsapp(); });
        }));
        parts.push(h("h2", { text: "Use another number" }));
      }
      var firstMessage = "We send the code on WhatsApp. WhatsApp lets us write to you only after you have written to us"
        + (s.business_number ? " at " + s.business_number : "") + " in the last 24 hours"
        + (s.template_configured ? ", unless we use an approved code message, which we do." : ": if you have not, send us any WhatsApp message first.");
      parts.push(h("p", { id: "whatsapp-help", text: firstMessage }));
      var phone = h("input", { type: "tel", id: "phone-number", autocomplete: "tel", maxlength: "40", required: true,
        placeholder: "+14155550100" });
      parts.push(form("whatsapp-code-form", [field("Your WhatsApp number, with + and the country code", phone)], "Send me a code", function () {
        return api("POST", "/me/whatsapp/code", { phone_number: phone.value }).then(function () { pages.whatsapp(); });
      }));
      var p = s.pending;
      if (p) {
        if (p.status === "queued") {
          parts.push(status("Sending a code to " + p.phone_number + "…", "info"));
          window.setTimeout(pages.whatsapp, 2000);
        } else if (p.status === "sent") {
          var code = h("input", { type: "text", id: "code", inputmode: "numeric", autocomplete: "one-time-code", maxlength: "6",
            pattern: "[0-9]{6}", required: true });
          parts.push(h("p", { id: "whatsapp-sent", text: "We sent a 6-digit code to " + p.phone_number + " on WhatsApp. It expires at "
            + when(p.expires_at) + "." }));
          parts.push(form("whatsapp-verify-form", [field("Code", code)], "Verify", function () {
            return api("POST", "/me/whatsapp/verify", { code: code.value }).then(function () { pages.whatsapp(); });
          }));
        } else if (p.status === "failed") {
          parts.push(status("We could not verify " + p.phone_number + ": " + (p.reason || "the code could not be sent."), "error"));
        } else if (p.status === "spent") {
          parts.push(status("That code can no longer be used; ask for a new one.", "error"));
        }
      }
      parts.push(h("p", {}, h("a", { href: "/portal/profile", text: "Back to your profile" })));
      replaceMain.apply(null, parts);
    }, function (e) { replaceMain(status(e.message, "error")); });
  };

  var signOut = document.getElementById("sign-out");
  if (signOut) {
    signOut.addEventListener("click", function () {
      fetch("/api/portal/auth/logout", { method: "POST", credentials: "same-origin" }).then(function () {
        window.location.assign("/portal/login" + (workspace ? "?workspace=" + encodeURIComponent(workspace) : ""));
      });
    });
  }
  if (pages[page]) { pages[page](); }
})();
