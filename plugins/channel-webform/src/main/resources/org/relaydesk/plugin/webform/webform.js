/*
 * Relaydesk web form. Embed with one tag where the form should appear:
 *   <script src="https://desk.example.com/api/public/channels/SITE-ID/webform.js" async></script>
 * (data-target="#css-selector" puts it into another element). Three steps: contact, request,
 * files; then the ticket number and the link to follow it. All text is set as text, never as HTML.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var base = script.src.replace(/webform\.js(\?.*)?$/, "");
  var host = document.createElement("div");
  host.className = "rdwf";
  var target = script.getAttribute("data-target") && document.querySelector(script.getAttribute("data-target"));
  if (target) { target.appendChild(host); } else { script.parentNode.insertBefore(host, script.nextSibling); }

  var css = ".rdwf{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1f2933;max-width:36rem;margin:1rem auto;"
    + "padding:1.25rem;border:1px solid #e4e7eb;border-radius:.5rem;background:#fff}.rdwf h2{margin:0 0 .25rem;font-size:1.35rem}"
    + ".rdwf .rdwf-steps{color:#52606d;font-size:.875rem;margin-bottom:1rem}.rdwf label{display:block;font-weight:600;margin:.75rem 0 .25rem}"
    + ".rdwf input[type=text],.rdwf input[type=email],.rdwf input[type=number],.rdwf input[type=date],.rdwf select,.rdwf textarea"
    + "{box-sizing:border-box;width:100%;font:inherit;padding:.5rem;border:1px solid #cbd2d9;border-radius:.375rem}"
    + ".rdwf .rdwf-check{display:flex;gap:.5rem;align-items:center;font-weight:400}.rdwf .rdwf-error{color:#c81e1e;font-size:.875rem;min-height:1.25em}"
    + ".rdwf .rdwf-bar{display:flex;gap:.5rem;margin-top:1rem}.rdwf button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:.375rem;"
    + "background:#2f80ed;color:#fff;cursor:pointer}.rdwf button.rdwf-back{background:#e4e7eb;color:#1f2933}.rdwf button:disabled{opacity:.6}"
    + ".rdwf .rdwf-trap{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}.rdwf .rdwf-done a{color:#2f80ed}"
    + ".rdwf [hidden]{display:none!important}.rdwf fieldset{border:0;padding:0;margin:0;min-width:0}";
  var style = document.createElement("style");
  style.textContent = css;
  document.head.appendChild(style);

  function node(tag, attributes, text) {
    var element = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { element.setAttribute(name, attributes[name]); });
    if (text !== undefined && text !== null) { element.textContent = text; }
    return element;
  }

  var config = null;
  var errors = {};
  var step = 0;
  var id = "rdwf-" + Math.random().toString(36).slice(2, 8);

  function field(stepNode, key, label, control, required) {
    var wrap = node("div");
    var labelNode = node("label", { "for": id + "-" + key }, label + (required ? " *" : ""));
    control.id = id + "-" + key;
    control.name = key;
    if (required) { control.required = true; }
    var error = node("div", { "class": "rdwf-error", id: id + "-" + key + "-error", role: "alert" });
    control.setAttribute("aria-describedby", error.id);
    errors[key] = error;
    if (control.type === "checkbox") {
      var row = node("label", { "class": "rdwf-check", "for": control.id });
      row.appendChild(control);
      row.appendChild(document.createTextNode(label + (required ? " *" : "")));
      wrap.appendChild(row);
    } else {
      wrap.appendChild(labelNode);
      wrap.appendChild(control);
    }
    wrap.appendChild(error);
    stepNode.appendChild(wrap);
    return control;
  }

  function build() {
    host.textContent = "";
    host.appendChild(node("h2", null, config.title));
    host.appendChild(node("p", null, config.intro));
    var stepsLine = node("div", { "class": "rdwf-steps", "aria-live": "polite" });
    host.appendChild(stepsLine);
    var form = node("form", { novalidate: "novalidate" });
    host.appendChild(form);

    var contact = node("fieldset", { "data-step": "0" });
    var name = field(contact, "name", "Your name", node("input", { type: "text", autocomplete: "name", maxlength: "200" }), false);
    var email = field(contact, "email", "Your email", node("input", { type: "email", autocomplete: "email", maxlength: "320" }), true);
    var trap = node("div", { "class": "rdwf-trap", "aria-hidden": "true" });
    trap.appendChild(node("label", { "for": id + "-website" }, "Leave this empty"));
    var website = node("input", { type: "text", id: id + "-website", name: "website", tabindex: "-1", autocomplete: "off" });
    trap.appendChild(website);
    contact.appendChild(trap);

    var issue = node("fieldset", { "data-step": "1" });
    var subject = field(issue, "subject", "Subject", node("input", { type: "text", maxlength: "300" }), true);
    var message = field(issue, "message", "How can we help?", node("textarea", { rows: "6", maxlength: "20000" }), true);
    var custom = {};
    config.fields.forEach(function (f) {
      var control;
      if (f.type === "select") {
        control = node("select");
        control.appendChild(node("option", { value: "" }, "Choose…"));
        f.options.forEach(function (o) { control.appendChild(node("option", { value: o }, o)); });
      } else if (f.type === "checkbox") {
        control = node("input", { type: "checkbox" });
      } else {
        control = node("input", { type: f.type === "number" ? "number" : f.type === "date" ? "date" : "text", maxlength: "1000" });
      }
      custom[f.key] = { control: field(issue, "fields." + f.key, f.label, control, f.required), spec: f };
    });

    var filesStep = node("fieldset", { "data-step": "2" });
    var files = field(filesStep, "files", "Files (optional; up to " + config.max_files + ", " + config.max_file_mb + " MB each)",
      node("input", { type: "file", multiple: "multiple" }), false);
    var formError = node("div", { "class": "rdwf-error", role: "alert" });

    var steps = [contact, issue, filesStep];
    var titles = ["Contact", "Your request", "Files"];
    steps.forEach(function (s) { form.appendChild(s); });
    form.appendChild(formError);
    var bar = node("div", { "class": "rdwf-bar" });
    var back = node("button", { type: "button", "class": "rdwf-back" }, "Back");
    var next = node("button", { type: "submit", "class": "rdwf-next" }, "Next");
    bar.appendChild(back);
    bar.appendChild(next);
    form.appendChild(bar);

    function show() {
      steps.forEach(function (s, n) { s.hidden = n !== step; });
      back.hidden = step === 0;
      next.textContent = step === steps.length - 1 ? "Send" : "Next";
      stepsLine.textContent = "Step " + (step + 1) + " of " + steps.length + ": " + titles[step];
    }

    function clear() { Object.keys(errors).forEach(function (k) { errors[k].textContent = ""; }); formError.textContent = ""; }

    function check(n) {
      var ok = true;
      function need(control, key, why) { if (!ok) { return; } errors[key].textContent = why; control.focus(); ok = false; }
      if (n === 0) {
        if (!email.value.trim()) { need(email, "email", "Please enter your email address."); }
        else if (!/^[^@\s]+@[^@\s]+\.[^@\s]{2,}$/.test(email.value.trim())) { need(email, "email", "This is not an email address."); }
      }
      if (n === 1) {
        if (!subject.value.trim()) { need(subject, "subject", "Please give your request a subject."); }
        if (!message.value.trim()) { need(message, "message", "Please tell us what happened."); }
        Object.keys(custom).forEach(function (k) {
          var c = custom[k];
          var empty = c.control.type === "checkbox" ? !c.control.checked : !c.control.value.trim();
          if (c.spec.required && empty) { need(c.control, "fields." + k, "Required."); }
        });
      }
      if (n === 2) {
        if (files.files.length > config.max_files) { need(files, "files", "At most " + config.max_files + " files."); }
        var total = 0;
        Array.prototype.forEach.call(files.files, function (f) {
          total += f.size;
          if (f.size > config.max_file_mb * 1024 * 1024) { need(files, "files", f.name + " is larger than " + config.max_file_mb + " MB."); }
        });
        if (total > config.max_total_mb * 1024 * 1024) { need(files, "files", "Together the files are larger than " + config.max_total_mb + " MB."); }
      }
      return ok;
    }

    back.addEventListener("click", function () { clear(); step -= 1; show(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clear();
      if (!check(step)) { return; }
      if (step < steps.length - 1) { step += 1; show(); return; }
      next.disabled = true;
      next.textContent = "Sending…";
      var values = {};
      Object.keys(custom).forEach(function (k) {
        var c = custom[k];
        values[k] = c.control.type === "checkbox" ? c.control.checked : c.control.value;
      });
      Promise.all([readFiles(files.files), work(config.stamp, config.pow_bits)]).then(function (ready) {
        return fetch(base + "submit", {
          method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ name: name.value, email: email.value, subject: subject.value, message: message.value, fields: values,
            files: ready[0], website: website.value, stamp: config.stamp, work: ready[1] })
        });
      }).then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) { return { status: response.status, body: body }; });
      }).then(function (answer) {
        if (answer.status === 201) { done(answer.body, email.value); return; }
        if (answer.status === 202) { received(answer.body.message); return; }
        var fieldErrors = answer.body.errors || {};
        var first = null;
        Object.keys(fieldErrors).forEach(function (k) {
          if (errors[k]) { errors[k].textContent = fieldErrors[k]; if (first === null) { first = k; } }
        });
        formError.textContent = answer.body.message || "The form could not be sent; please try again.";
        if (first !== null) {
          step = first === "name" || first === "email" ? 0 : first === "files" ? 2 : 1;
          show();
        }
        if (answer.status === 400 && /reload|too long/.test(answer.body.message || "")) { refresh(); }
      }).catch(function () {
        formError.textContent = "The help desk cannot be reached right now. Your text is still here; try again.";
      }).finally(function () {
        next.disabled = false;
        if (step === steps.length - 1) { next.textContent = "Send"; }
      });
    });
    show();
  }

  function readFiles(list) {
    return Promise.all(Array.prototype.map.call(list, function (file) {
      return new Promise(function (resolve, reject) {
        var reader = new FileReader();
        reader.onload = function () { resolve({ name: file.name, type: file.type || "application/octet-stream", data: String(reader.result).split(",")[1] || "" }); };
        reader.onerror = function () { reject(reader.error); };
        reader.readAsDataURL(file);
      });
    }));
  }

  // The optional proof of work: a nonce whose SHA-256 with the stamp starts with the asked zero bits.
  function work(stamp, bits) {
    if (!bits) { return Promise.resolve(null); }
    var encoder = new TextEncoder();
    function zeros(hash) {
      var bytes = new Uint8Array(hash);
      for (var i = 0; i < bits; i++) { if (bytes[i >> 3] & (0x80 >> (i & 7))) { return false; } }
      return true;
    }
    function attempt(nonce) {
      return crypto.subtle.digest("SHA-256", encoder.encode(stamp + ":" + nonce)).then(function (hash) {
        return zeros(hash) ? String(nonce) : attempt(nonce + 1);
      });
    }
    return attempt(0);
  }

  function done(body, address) {
    host.textContent = "";
    var box = node("div", { "class": "rdwf-done", role: "status" });
    box.appendChild(node("h2", null, "Thank you!"));
    var line = node("p");
    line.appendChild(document.createTextNode("Your request "));
    line.appendChild(node("strong", { "class": "rdwf-number" }, body.ticket_number));
    line.appendChild(document.createTextNode(" is with us. We will answer by email" + (body.confirmation_email ? "; a confirmation is on its way to " + address : "") + "."));
    box.appendChild(line);
    var follow = node("p");
    follow.appendChild(document.createTextNode("Follow it here: "));
    var link = node("a", { href: body.status_url, target: "_blank", rel: "noopener", "class": "rdwf-status" }, "your request's page");
    follow.appendChild(link);
    box.appendChild(follow);
    host.appendChild(box);
  }

  // stored, but not a ticket of its own yet (held for the team): no number, no link, and no need to send it again
  function received(message) {
    host.textContent = "";
    var box = node("div", { "class": "rdwf-done", role: "status" });
    box.appendChild(node("h2", null, "Thank you!"));
    box.appendChild(node("p", null, message));
    host.appendChild(box);
  }

  function refresh() {
    fetch(base + "config").then(function (r) { return r.ok ? r.json() : null; }).then(function (c) { if (c) { config.stamp = c.stamp; } });
  }

  fetch(base + "config", { headers: { Accept: "application/json" } }).then(function (response) {
    return response.json().catch(function () { return {}; }).then(function (body) {
      if (!response.ok) { throw new Error(body.message || "The form is not available."); }
      config = body;
      build();
    });
  }).catch(function (e) {
    host.textContent = "";
    host.appendChild(node("p", { "class": "rdwf-error", role: "alert" }, e && e.message && e.message !== "Failed to fetch" ? e.message
      : "The form cannot be loaded right now."));
  });
}());
