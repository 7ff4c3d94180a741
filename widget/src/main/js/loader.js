/*
 * Relaydesk widget loader: the one script a website embeds.
 *
 *   <script src="https://desk.example.com/widget.js" data-api-url="https://desk.example.com/api"
 *           data-site-id="wk_..." async></script>
 *
 * It draws the launcher inside a Shadow DOM (the page's CSS cannot reach in, ours cannot leak
 * out), asks the desk for the widget's look and words, and loads the panel (app.js) only when the
 * visitor first opens it. No framework, no third-party calls; everything goes to the desk's own API.
 */
(function (win, doc) {
  'use strict';
  if (win['RelaydeskWidget']) {
    if (win.console) {
      win.console.warn('[Relaydesk widget] embedded twice: only the first tag is used');
    }
    return;
  }
  var script = doc.currentScript || doc.querySelector('script[data-site-id][src*="widget.js"]');
  if (!script) {
    return;
  }
  var pageUrl = /** @type {string} */ (doc.baseURI);
  var scriptUrl = new URL(script.src, pageUrl);
  var api = apiBase(script.getAttribute('data-api-url'), scriptUrl);
  var site = script.getAttribute('data-site-id') || '';
  var appUrl = scriptUrl.href.replace(/widget\.js([?#].*)?$/, 'widget/app.js?v=__RELAYDESK_APP_VERSION__');
  var liveUrl = scriptUrl.href.replace(/widget\.js([?#].*)?$/, 'widget/live').replace(/^http/, 'ws');
  // a host site that knows its signed-in user vouches for them: its server signs the address with the widget's secret
  var identity = {email: script.getAttribute('data-user-email'), hash: script.getAttribute('data-user-hash')};
  var widget = {pending: [], boot: null};
  win['RelaydeskWidget'] = widget;

  /** "https://desk/api" as given (relative to the script, not the page); a bare origin ("https://desk") gets its "/api". */
  function apiBase(given, fallback) {
    var url = new URL(given || fallback.origin, fallback.href);
    var path = url.pathname.replace(/\/+$/, '');
    return url.origin + (path === '' ? '/api' : path);
  }

  function warn(text) {
    if (win.console) {
      win.console.warn('[Relaydesk widget] ' + text);
    }
  }

  var host = doc.createElement('relaydesk-widget');
  // inline and important: no rule of the page can hide, move or transform the widget's host
  var hostStyle = {all: 'initial', display: 'block', position: 'fixed', width: '0', height: '0', bottom: '0', right: '0',
    'z-index': '2147483000'};
  Object.keys(hostStyle).forEach(function (name) {
    host.style.setProperty(name, hostStyle[name], 'important');
  });
  var root = host.attachShadow({mode: 'open'});

  var css = ':host{all:initial}' +
      '.rd-launcher{position:fixed;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;cursor:pointer;display:flex;' +
      'align-items:center;justify-content:center;background:var(--rd-primary);color:var(--rd-on-primary);' +
      'box-shadow:0 6px 20px rgba(17,24,39,.28);transition:transform .15s ease;padding:0;margin:0}' +
      '.rd-launcher:hover{transform:scale(1.06)}' +
      '.rd-launcher:focus-visible{outline:3px solid #111827;outline-offset:3px}' +
      '.rd-launcher svg{width:28px;height:28px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}' +
      '.rd-right{right:20px}.rd-left{left:20px}' +
      '@media (prefers-reduced-motion:reduce){.rd-launcher{transition:none}}';
  addStyle(root, css);

  /** A constructed sheet where the browser has them (a page's CSP on inline styles does not apply), a style element otherwise. */
  function addStyle(target, text) {
    if ('adoptedStyleSheets' in target && win.CSSStyleSheet && 'replaceSync' in win.CSSStyleSheet.prototype) {
      var sheet = new win.CSSStyleSheet();
      sheet.replaceSync(text);
      target.adoptedStyleSheets = target.adoptedStyleSheets.concat([sheet]);
    } else {
      var style = doc.createElement('style');
      style.textContent = text;
      target.appendChild(style);
    }
  }

  var ICONS = {
    chat: '<path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/>',
    help: '<circle cx="12" cy="12" r="9"/><path d="M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14"/><path d="M12 17.5h.01"/>',
    mail: '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="M3 7l9 6 9-6"/>',
    close: '<path d="M6 6l12 12M18 6L6 18"/>'
  };

  /**
   * @param {string} method
   * @param {string} path
   * @param {*=} body
   * @param {(string|Object)=} proof the chat's secret, or headers proving the visitor
   * @return {!Promise<?>}
   */
  function request(method, path, body, proof) {
    var options = {method: method, headers: {'Accept': 'application/json'}, credentials: 'omit', mode: 'cors'};
    if (typeof proof === 'string') {
      options.headers['X-Chat-Token'] = proof;
    } else if (proof) {
      Object.keys(proof).forEach(function (name) {
        options.headers[name] = proof[name];
      });
    }
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    return win.fetch(api + '/public/widget/' + encodeURIComponent(site) + path, options).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try {
          data = text ? JSON.parse(text) : null;
        } catch (e) {
          data = null;
        }
        if (!response.ok) {
          var error = new Error(data && data.detail ? data.detail : 'The help desk answered ' + response.status);
          error.status = response.status;
          error.problem = data;
          throw error;
        }
        return data;
      });
    });
  }

  function start() {
    var language = (win.navigator.languages && win.navigator.languages[0]) || win.navigator.language || 'en';
    request('GET', '/config?lang=' + encodeURIComponent(language)).then(function (config) {
      host.style.setProperty('--rd-primary', config['primary_color']);
      host.style.setProperty('--rd-on-primary', config['text_color']);
      var launcher = doc.createElement('button');
      launcher.type = 'button';
      launcher.className = 'rd-launcher rd-' + (config['position'] === 'left' ? 'left' : 'right');
      launcher.setAttribute('aria-label', config['texts']['launcher']);
      launcher.setAttribute('aria-expanded', 'false');
      launcher.setAttribute('aria-haspopup', 'dialog');
      launcher.innerHTML = svg(config['launcher_icon']);
      root.appendChild(launcher);
      var open = false;
      var app = null;
      function toggle() {
        open = !open;
        launcher.setAttribute('aria-expanded', String(open));
        launcher.setAttribute('aria-label', open ? config['texts']['close'] : config['texts']['launcher']);
        launcher.innerHTML = svg(open ? 'close' : config['launcher_icon']);
        if (!open) {
          if (app) {
            app.hide();
          }
          return;
        }
        loadApp(function () {
          if (!app) {
            app = widget.boot({root: root, host: host, launcher: launcher, config: config, request: request, addStyle: addStyle, site: site,
              live: liveUrl, identity: identity.hash && identity.email ? identity : null,
              close: function () {
                if (open) {
                  toggle();
                }
                launcher.focus();
              }});
          }
          app.show();
        });
      }
      launcher.addEventListener('click', toggle);
    }, function (error) {
      warn(error.status === 404 ? 'No widget has the site id "' + site + '" (check data-site-id): ' + error.message : error.message);
    });
  }

  function svg(name) {
    return '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">' + (ICONS[name] || ICONS.chat) + '</svg>';
  }

  function loadApp(then) {
    if (widget.boot) {
      then();
      return;
    }
    widget.pending.push(then);
    if (widget.pending.length > 1) {
      return; // already on its way
    }
    var tag = doc.createElement('script');
    tag.src = appUrl;
    tag.async = true;
    tag.onerror = function () {
      widget.pending = [];
      warn('Could not load ' + appUrl);
    };
    (doc.head || doc.documentElement).appendChild(tag);
  }

  /** Called by app.js once it has run. */
  widget.ready = function () {
    var waiting = widget.pending;
    widget.pending = [];
    waiting.forEach(function (then) {
      then();
    });
  };

  function attach() {
    (doc.body || doc.documentElement).appendChild(host);
    // pages that replace their body (Turbo, some single-page apps) take the widget with it: put it back
    if (win.MutationObserver) {
      new win.MutationObserver(function () {
        if (!host.isConnected) {
          (doc.body || doc.documentElement).appendChild(host);
        }
      }).observe(doc.documentElement, {childList: true, subtree: true});
    }
    start();
  }

  if (doc.readyState === 'loading') {
    doc.addEventListener('DOMContentLoaded', attach);
  } else {
    attach();
  }
})(window, document);
