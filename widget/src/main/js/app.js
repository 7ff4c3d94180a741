/*
 * Relaydesk widget panel, loaded by widget.js on the visitor's first open. Help articles found as
 * the visitor types, an article read in place, and "Talk to a person": the contact form, carrying
 * what was typed. Everything is drawn inside the loader's Shadow DOM; texts are set as text,
 * never as HTML, except the desk's own sanitised article bodies and highlighted snippets.
 */
(function (win, doc) {
  'use strict';
  var widget = win['RelaydeskWidget'];
  if (!widget || widget.boot) {
    return;
  }

  var CSS = '.rd-panel{position:fixed;bottom:88px;width:370px;max-width:calc(100vw - 32px);height:560px;max-height:calc(100vh - 120px);' +
      'display:flex;flex-direction:column;background:#fff;color:#111827;border-radius:14px;overflow:hidden;' +
      'box-shadow:0 12px 40px rgba(17,24,39,.25);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;' +
      'text-align:left;letter-spacing:normal;text-transform:none}' +
      '.rd-panel[hidden],.rd-panel [hidden]{display:none!important}.rd-right{right:20px}.rd-left{left:20px}' +
      '.rd-panel *{box-sizing:border-box;font:inherit;color:inherit}' +
      '.rd-expanded{width:760px;height:calc(100vh - 120px);max-height:720px}' +
      '.rd-head{display:flex;align-items:flex-start;gap:8px;padding:16px;background:var(--rd-primary);color:var(--rd-on-primary)}' +
      '.rd-head *{color:var(--rd-on-primary)}' +
      '.rd-head-text{flex:1;min-width:0}.rd-title{margin:0;font-size:18px;font-weight:650;line-height:1.3}' +
      '.rd-greeting{margin:4px 0 0;font-size:13px}' +
      '.rd-icon{flex:none;width:34px;height:34px;border:0;border-radius:8px;background:transparent;cursor:pointer;display:flex;' +
      'align-items:center;justify-content:center;padding:0}' +
      '.rd-icon:hover{background:rgba(127,127,127,.2)}' +
      '.rd-icon svg{width:20px;height:20px;fill:none;stroke:currentColor;stroke-width:2;stroke-linecap:round;stroke-linejoin:round}' +
      'button:focus-visible,input:focus-visible,textarea:focus-visible,a:focus-visible{outline:3px solid #111827;outline-offset:2px}' +
      '.rd-head button:focus-visible{outline-color:var(--rd-on-primary)}' +
      '.rd-body{flex:1;display:flex;flex-direction:column;min-height:0}' +
      '.rd-expanded .rd-body{flex-direction:row}' +
      '.rd-tabs{display:flex;border-bottom:1px solid #E5E7EB;flex:none}' +
      '.rd-expanded .rd-tabs{flex-direction:column;border-bottom:0;border-right:1px solid #E5E7EB;width:170px;padding:8px}' +
      '.rd-tab{flex:1;border:0;background:none;padding:10px 12px;cursor:pointer;color:#374151;border-bottom:3px solid transparent;font-weight:600}' +
      '.rd-expanded .rd-tab{flex:none;text-align:left;border-bottom:0;border-left:3px solid transparent;border-radius:6px}' +
      '.rd-tab[aria-selected=true]{color:#111827;border-color:var(--rd-primary);background:#F3F4F6}' +
      '.rd-view{flex:1;overflow:auto;padding:16px;min-width:0}.rd-view[hidden]{display:none}' +
      '.rd-sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}' +
      '.rd-input{display:block;width:100%;padding:10px 12px;border:1px solid #6B7280;border-radius:8px;background:#fff;color:#111827}' +
      'textarea.rd-input{min-height:110px;resize:vertical}' +
      '.rd-status{margin:8px 0;color:#4B5563;font-size:13px;min-height:1em}' +
      '.rd-results{list-style:none;margin:0;padding:0}' +
      '.rd-answer{border:1px solid #D1D5DB;border-radius:8px;padding:10px 12px;margin:8px 0;background:#F9FAFB}.rd-answer h3{font-size:14px;margin:0 0 6px}' +
      '.rd-answer-text{white-space:pre-line;overflow-wrap:anywhere;margin:0 0 6px}.rd-answer-source{color:#1D4ED8;background:none;border:0;padding:0;' +
      'font:inherit;text-decoration:underline;cursor:pointer;text-align:left}.rd-answer-votes button{margin-right:8px}.rd-person-now{font-weight:600}' +
      '.rd-secondary{background:#fff;color:#111827;border:1px solid #6B7280;border-radius:6px;padding:4px 12px;font:inherit;cursor:pointer}' +
      '.rd-hit{display:block;width:100%;text-align:left;border:1px solid #E5E7EB;border-radius:8px;background:#fff;padding:10px 12px;' +
      'margin:0 0 8px;cursor:pointer}.rd-hit:hover{border-color:#9CA3AF;background:#F9FAFB}' +
      '.rd-hit-title{display:block;font-weight:600;color:#111827}.rd-hit-snippet{display:block;font-size:13px;color:#4B5563;margin-top:2px}' +
      'mark{background:#FEF08A;color:#111827;padding:0 1px}' +
      '.rd-primary{display:inline-block;border:0;border-radius:8px;padding:10px 16px;cursor:pointer;font-weight:600;' +
      'background:var(--rd-primary);color:var(--rd-on-primary)}.rd-primary[disabled]{opacity:.6;cursor:default}' +
      '.rd-primary:focus-visible{outline:3px solid #111827;outline-offset:2px}' +
      '.rd-link{background:none;border:0;padding:4px 0;color:#1F2937;text-decoration:underline;cursor:pointer}' +
      '.rd-talk{margin-top:12px;width:100%}' +
      '.rd-view h3{font-size:16px;font-weight:650;margin:8px 0}.rd-article h3{font-size:17px;margin:8px 0}.rd-article-body{overflow-wrap:anywhere}.rd-article-body img{max-width:100%;height:auto}' +
      '.rd-article-body a,.rd-open,.rd-sent a{color:#1D4ED8}' +
      '.rd-field{margin:0 0 12px}.rd-field label{display:block;font-weight:600;margin:0 0 4px}' +
      '.rd-error{color:#B91C1C;font-size:13px;margin:4px 0 0}.rd-error:empty{display:none}' +
      '.rd-input[aria-invalid=true]{border-color:#B91C1C}' +
      '.rd-away{background:#FEF3C7;color:#78350F;border-radius:8px;padding:8px 12px;margin:0 0 12px}' +
      '.rd-sent{background:#ECFDF5;color:#065F46;border-radius:8px;padding:12px}' +
      '.rd-log{display:flex;flex-direction:column;gap:8px;min-height:120px}' +
      '.rd-line{max-width:85%;padding:8px 10px;border-radius:12px;white-space:pre-wrap;overflow-wrap:anywhere}' +
      '.rd-line-visitor{align-self:flex-end;background:var(--rd-primary);color:var(--rd-on-primary);border-bottom-right-radius:3px}' +
      '.rd-line-agent{align-self:flex-start;background:#F3F4F6;color:#111827;border-bottom-left-radius:3px}' +
      '.rd-line-system{align-self:center;color:#4B5563;font-size:12px}.rd-seen{align-self:flex-end;color:#4B5563;font-size:12px}' +
      '.rd-line-name{display:block;font-size:12px;font-weight:600;margin-bottom:2px}' +
      '.rd-chat-status{color:#4B5563;font-size:13px;min-height:1.2em;margin:8px 0}' +
      '.rd-composer{display:flex;gap:8px;align-items:flex-end;margin-top:8px}.rd-composer textarea{min-height:44px;max-height:120px}' +
      '.rd-chat-view{display:flex;flex-direction:column;min-height:100%}.rd-chat-view .rd-log{flex:1}' +
      '@media (max-width:480px){.rd-panel,.rd-expanded{inset:0;width:100%;max-width:none;height:100%;max-height:none;border-radius:0}' +
      '.rd-expanded .rd-body{flex-direction:column}.rd-expanded .rd-tabs{flex-direction:row;width:auto;border-right:0;' +
      'border-bottom:1px solid #E5E7EB;padding:0}}';

  var ICON_EXPAND = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M4 10V4h6M20 14v6h-6M4 4l6 6M20 20l-6-6"/></svg>';
  var ICON_COLLAPSE = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M10 4v6H4M14 20v-6h6M4 4l6 6M20 20l-6-6"/></svg>';
  var ICON_CLOSE = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M6 6l12 12M18 6L6 18"/></svg>';

  /**
   * A new element with attributes and children (strings become text, never HTML).
   * @param {string} name
   * @param {Object=} attributes
   * @param {Array=} children
   * @return {!Element}
   */
  function el(name, attributes, children) {
    var node = doc.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) {
      var value = attributes[key];
      if (value === false || value === null || value === undefined) {
        return;
      }
      if (key === 'text') {
        node.textContent = value;
      } else if (key === 'className') {
        node.className = value;
      } else {
        node.setAttribute(key, value === true ? '' : value);
      }
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? doc.createTextNode(child) : child);
    });
    return node;
  }

  /** localStorage where the page allows it (private modes and sandboxed frames may not). */
  function safeStorage() {
    try {
      var storage = win.localStorage;
      storage.setItem('rd-probe', '1');
      storage.removeItem('rd-probe');
      return storage;
    } catch (e) {
      return null;
    }
  }

  function readJson(storage, key) {
    try {
      var value = storage && storage.getItem(key);
      return value ? JSON.parse(value) : null;
    } catch (e) {
      return null;
    }
  }

  function writeJson(storage, key, value) {
    try {
      if (storage) {
        storage.setItem(key, JSON.stringify(value));
      }
    } catch (e) {
      // full or forbidden: the chat goes on for this page only
    }
  }

  /** This browser's own id as a visitor (random; no cookie). */
  function visitorId(storage) {
    var id = storage && storage.getItem('rd-visitor');
    if (!id || !/^[A-Za-z0-9_-]{16,64}$/.test(id)) {
      var bytes = new Uint8Array(18);
      win.crypto.getRandomValues(bytes);
      id = Array.prototype.map.call(bytes, function (b) {
        return ('0' + b.toString(16)).slice(-2);
      }).join('');
      if (storage) {
        try {
          storage.setItem('rd-visitor', id);
        } catch (e) {
          // not kept: a new id next time
        }
      }
    }
    return id;
  }

  widget.boot = function (ctx) {
    var config = ctx.config;
    var t = config['texts'];
    var tabs = [];
    if (config['show_help']) {
      tabs.push({id: 'help', label: t['tabHelp']});
    }
    var storage = safeStorage();
    var chatKey = 'rd-chat:' + ctx.site;
    var chat = readJson(storage, chatKey); // {id, token}: a chat this browser is in
    if (config['chat'] || chat) {
      tabs.push({id: 'chat', label: t['tabChat']});
    }
    if (config['show_contact']) {
      tabs.push({id: 'contact', label: t['tabContact']});
      tabs.push({id: 'tickets', label: t['tabTickets']});
    }
    ctx.addStyle(ctx.root, CSS);

    var expand = el('button', {type: 'button', className: 'rd-icon', 'aria-label': t['expand'], 'aria-pressed': 'false'});
    expand.innerHTML = ICON_EXPAND;
    var close = el('button', {type: 'button', className: 'rd-icon', 'aria-label': t['close']});
    close.innerHTML = ICON_CLOSE;
    var head = el('div', {className: 'rd-head'}, [
      el('div', {className: 'rd-head-text'}, [
        el('h2', {className: 'rd-title', id: 'rd-title', text: t['title']}),
        el('p', {className: 'rd-greeting', text: t['greeting']})
      ]), expand, close]);

    var tabList = el('div', {className: 'rd-tabs', role: 'tablist', 'aria-label': config['name'], hidden: tabs.length < 2});
    var views = {};
    var tabButtons = {};
    tabs.forEach(function (tab) {
      var button = el('button', {type: 'button', className: 'rd-tab', role: 'tab', id: 'rd-tab-' + tab.id, 'aria-controls': 'rd-view-' + tab.id,
        'aria-selected': 'false', tabindex: '-1', text: tab.label});
      button.addEventListener('click', function () {
        select(tab.id, false);
      });
      tabButtons[tab.id] = button;
      tabList.appendChild(button);
    });
    tabList.addEventListener('keydown', function (event) {
      var ids = tabs.map(function (tab) {
        return tab.id;
      });
      var at = ids.indexOf(current);
      var next = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? at + 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? at - 1 : null;
      if (next === null) {
        return;
      }
      event.preventDefault();
      select(ids[(next + ids.length) % ids.length], true);
    });

    var body = el('div', {className: 'rd-body'}, [tabList]);
    var panel = el('div', {className: 'rd-panel rd-' + (config['position'] === 'left' ? 'left' : 'right'), role: 'dialog',
      'aria-modal': 'false', 'aria-labelledby': 'rd-title', hidden: true}, [head, body]);

    // ---- help: articles as the visitor types
    var question = el('input', {className: 'rd-input', id: 'rd-q', type: 'search', autocomplete: 'off', maxlength: '200',
      placeholder: t['search']});
    var status = el('p', {className: 'rd-status', role: 'status', 'aria-live': 'polite'});
    var results = el('ul', {className: 'rd-results'});
    var answerBox = el('div', {className: 'rd-answer', hidden: true, 'aria-live': 'polite'});
    var articleBox = el('div', {className: 'rd-article', hidden: true});
    var talk = el('button', {type: 'button', className: 'rd-primary rd-talk', text: t['talk'], hidden: !config['show_contact']});
    var searchArea = el('div', {}, [el('label', {className: 'rd-sr', 'for': 'rd-q', text: t['search']}), question, status, answerBox, results]);
    if (config['show_help']) {
      views.help = el('section', {className: 'rd-view', id: 'rd-view-help', role: 'tabpanel', 'aria-labelledby': 'rd-tab-help', hidden: true},
          [searchArea, articleBox, talk]);
      body.appendChild(views.help);
    }

    var searchTimer = null;
    var searchNumber = 0;
    var lastQuery = '';
    question.addEventListener('input', function () {
      win.clearTimeout(searchTimer);
      searchTimer = win.setTimeout(search, 300);
    });
    question.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') {
        win.clearTimeout(searchTimer);
        search();
      }
    });

    function search() {
      var q = question.value.trim();
      if (q === lastQuery) {
        return;
      }
      lastQuery = q;
      var mine = ++searchNumber;
      if (q.length < 2) {
        results.textContent = '';
        status.textContent = '';
        return;
      }
      status.textContent = t['searching'];
      ask(q, mine);
      ctx.request('GET', '/articles?q=' + encodeURIComponent(q)).then(function (found) {
        if (mine !== searchNumber) {
          return; // a newer search is under way
        }
        results.textContent = '';
        var hits = (found && found['data']) || [];
        status.textContent = hits.length === 1 ? t['oneResult'] : hits.length ? t['results'].replace('{n}', String(hits.length)) : t['noResults'];
        hits.forEach(function (hit) {
          var snippet = el('span', {className: 'rd-hit-snippet'});
          snippet.innerHTML = hit['snippet'] || ''; // the desk escapes it, marking the matches with <mark> only
          var button = el('button', {type: 'button', className: 'rd-hit'}, [el('span', {className: 'rd-hit-title', text: hit['title']}), snippet]);
          button.addEventListener('click', function () {
            openArticle(hit['slug']);
          });
          results.appendChild(el('li', {}, [button]));
        });
      }, function (error) {
        if (mine === searchNumber) {
          status.textContent = error.status === 429 || error.status === 403 ? error.message : t['error'];
          lastQuery = '';
        }
      });
    }

    // ---- an answer from the help centre before the form (when the desk's assistant answers), or a person at once
    function ask(q, mine) {
      answerBox.hidden = true;
      answerBox.textContent = '';
      if (!config['answers'] || q.split(/\s+/).length < 4) {
        return;
      }
      ctx.request('GET', '/answer?q=' + encodeURIComponent(q) + '&lang=' + encodeURIComponent(config['language'] || '')).then(function (answer) {
        if (mine !== searchNumber || !answer) {
          return;
        }
        answerBox.textContent = '';
        if (answer['person_now']) {
          answerBox.appendChild(el('p', {className: 'rd-person-now', text: t['personNow']}));
          answerBox.appendChild(talkNow());
        } else if (answer['known']) {
          answerBox.appendChild(el('h3', {text: t['answerFrom']}));
          answerBox.appendChild(el('p', {className: 'rd-answer-text', text: answer['text']}));
          (answer['sources'] || []).forEach(function (source) {
            var open = el('button', {type: 'button', className: 'rd-answer-source', text: source['title']});
            open.addEventListener('click', function () {
              openArticle(source['slug']);
            });
            answerBox.appendChild(el('p', {}, [open]));
          });
          var votes = el('p', {className: 'rd-answer-votes'}, [el('span', {text: t['answerHelpful'] + ' '})]);
          [true, false].forEach(function (helpful) {
            var vote = el('button', {type: 'button', className: 'rd-secondary', text: helpful ? t['yes'] : t['no']});
            vote.addEventListener('click', function () {
              ctx.request('POST', '/answers/' + encodeURIComponent(answer['answer_id']) + '/feedback', {'helpful': helpful}).then(null, function () {});
              votes.textContent = '';
              votes.appendChild(el('span', {text: helpful ? t['answerThanks'] : t['answerNo']}));
              if (!helpful) {
                votes.appendChild(talkNow());
              }
            });
            votes.appendChild(vote);
          });
          answerBox.appendChild(votes);
        } else if (answer['text']) {
          answerBox.appendChild(el('p', {className: 'rd-answer-text', text: answer['text']}));
        } else {
          return;
        }
        answerBox.hidden = false;
      }, function () {
        // no answer is no loss: the articles and the form are there
      });
    }

    /** "Talk to a person", here and now: the same as the button below, with the question carried over. */
    function talkNow() {
      if (!config['show_contact']) {
        return el('span');
      }
      var button = el('button', {type: 'button', className: 'rd-primary', text: t['talk']});
      button.addEventListener('click', function () {
        talk.click();
      });
      return button;
    }

    function openArticle(slug) {
      ctx.request('GET', '/articles/' + encodeURIComponent(slug)).then(function (article) {
        var back = el('button', {type: 'button', className: 'rd-link', text: '← ' + t['back']});
        var content = el('div', {className: 'rd-article-body'});
        content.innerHTML = article['body_html']; // sanitised by the desk's allow-list when the article was saved
        Array.prototype.forEach.call(content.querySelectorAll('a[href]'), function (link) {
          link.setAttribute('target', '_blank');
          link.setAttribute('rel', 'noopener noreferrer');
        });
        var open = el('a', {className: 'rd-open', href: article['url'], target: '_blank', rel: 'noopener noreferrer', text: t['openArticle']});
        articleBox.textContent = '';
        articleBox.appendChild(back);
        articleBox.appendChild(el('h3', {tabindex: '-1', text: article['title']}));
        articleBox.appendChild(content);
        articleBox.appendChild(el('p', {}, [open]));
        back.addEventListener('click', function () {
          articleBox.hidden = true;
          searchArea.hidden = false;
          question.focus();
        });
        searchArea.hidden = true;
        articleBox.hidden = false;
        articleBox.querySelector('h3').focus();
      }, function (error) {
        status.textContent = error.status === 429 ? error.message : t['error'];
      });
    }

    // ---- contact: a request to the team, answered by email
    /** @type {!Object<string, ?>} */
    var fields = {};
    function field(name, label, input) {
      var error = el('p', {className: 'rd-error', id: 'rd-error-' + name});
      input.setAttribute('id', 'rd-' + name);
      input.setAttribute('name', name);
      input.setAttribute('aria-describedby', 'rd-error-' + name);
      fields[name] = {input: input, error: error};
      return el('div', {className: 'rd-field'}, [el('label', {'for': 'rd-' + name, text: label}), input, error]);
    }
    var formError = el('p', {className: 'rd-error', role: 'alert'});
    var submit = el('button', {type: 'submit', className: 'rd-primary', text: t['send']});
    var form = el('form', {novalidate: true}, [
      el('p', {className: 'rd-away', text: t['away'], hidden: !config['away']}),
      field('name', t['name'], el('input', {className: 'rd-input', type: 'text', autocomplete: 'name', maxlength: '200'})),
      field('email', t['email'], el('input', {className: 'rd-input', type: 'email', autocomplete: 'email', maxlength: '320', required: true})),
      field('message', t['message'], el('textarea', {className: 'rd-input', maxlength: '10000', required: true})),
      formError, submit]);
    var sent = el('div', {className: 'rd-sent', tabindex: '-1', hidden: true});
    if (config['show_contact']) {
      views.contact = el('section', {className: 'rd-view', id: 'rd-view-contact', role: 'tabpanel', 'aria-labelledby': 'rd-tab-contact',
        hidden: true}, [form, sent]);
      body.appendChild(views.contact);
    }

    function showForm(text) {
      if (!fields.message.input.value.trim()) {
        fields.message.input.value = text;
      }
      select('contact', false);
      (fields.email.input.value ? fields.message.input : fields.email.input).focus();
    }
    talk.addEventListener('click', function () {
      var text = question.value.trim();
      if (views.chat && (config['chat'] || chat)) {
        select('chat', false);
        if (!chat && text) {
          startChat(text);
        } else {
          composer.focus();
        }
        return;
      }
      showForm(text);
    });

    var FIELD_OF = {'requester_email': 'email', 'requester_name': 'name', 'description': 'message', 'subject': 'message', 'page_url': 'message'};
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      Object.keys(fields).forEach(function (name) {
        fields[name].error.textContent = '';
        fields[name].input.removeAttribute('aria-invalid');
      });
      formError.textContent = '';
      submit.disabled = true;
      submit.textContent = t['sending'];
      ctx.request('POST', '/messages', {
        'name': fields.name.input.value.trim(), 'email': fields.email.input.value.trim(), 'message': fields.message.input.value,
        'page_url': win.location.origin + win.location.pathname
      }).then(function (answer) {
        form.hidden = true;
        sent.textContent = '';
        var typed = fields.email.input.value.trim();
        sent.appendChild(el('p', {text: t['sent'].replace('{number}', function () {
          return answer['number'];
        }).replace('{email}', function () {
          return typed;
        })}));
        sent.hidden = false;
        sent.focus();
      }, function (error) {
        var problems = (error.problem && error.problem['errors']) || [];
        var first = null;
        problems.forEach(function (problem) {
          var name = fields[problem['field']] ? problem['field'] : FIELD_OF[problem['field']];
          if (name && fields[name]) {
            fields[name].error.textContent = problem['message'];
            fields[name].input.setAttribute('aria-invalid', 'true');
            first = first || fields[name].input;
          }
        });
        if (first) {
          first.focus();
        } else {
          formError.textContent = error.status && error.message ? error.message : t['error'];
        }
      }).then(function () {
        submit.disabled = false;
        submit.textContent = t['send'];
      });
    });

    // ---- live chat: lines by id (a reconnect re-reads what it missed, never shows a line twice)
    var log = el('div', {className: 'rd-log', role: 'log', 'aria-live': 'polite', 'aria-label': t['tabChat']});
    var chatStatus = el('p', {className: 'rd-chat-status', role: 'status'});
    var composer = el('textarea', {className: 'rd-input', id: 'rd-chat-text', maxlength: '5000', rows: '2', placeholder: t['chatPlaceholder']});
    var sendLine = el('button', {type: 'submit', className: 'rd-primary', text: t['send']});
    var composerForm = el('form', {className: 'rd-composer', novalidate: true}, [
      el('label', {className: 'rd-sr', 'for': 'rd-chat-text', text: t['chatPlaceholder']}), composer, sendLine]);
    var endChat = el('button', {type: 'button', className: 'rd-link', text: t['chatEnd'], hidden: true});
    var newChat = el('button', {type: 'button', className: 'rd-primary', text: t['chatNew'], hidden: true});
    if (tabs.some(function (tab) {
      return tab.id === 'chat';
    })) {
      views.chat = el('section', {className: 'rd-view', id: 'rd-view-chat', role: 'tabpanel', 'aria-labelledby': 'rd-tab-chat', hidden: true},
          [el('div', {className: 'rd-chat-view'}, [log, chatStatus, composerForm, el('p', {}, [endChat, newChat])])]);
      body.insertBefore(views.chat, views.contact || null);
    }
    var seen = {};
    var lastLine = null;
    var agentName = null;
    var chatEnded = false;
    var socket = null;
    var socketReady = false;
    var reconnectDelay = 1000;
    var fetching = false;
    var fetchAgain = false;
    var lastTyping = 0;

    function addLine(line) {
      if (seen[line['id']]) {
        return;
      }
      seen[line['id']] = true;
      lastLine = line['id'];
      var author = line['author'];
      var bubble = el('div', {className: 'rd-line rd-line-' + author, 'data-line': line['id']});
      if (author !== 'system') {
        bubble.appendChild(el('span', {className: 'rd-line-name', text: author === 'visitor' ? t['you'] : line['name']}));
      }
      if (author === 'visitor') {
        lastVisitorAt = line['at'];
      }
      bubble.appendChild(doc.createTextNode(line['text']));
      log.appendChild(bubble);
      log.scrollTop = log.scrollHeight;
      views.chat.scrollTop = views.chat.scrollHeight;
    }

    var seenMark = el('div', {className: 'rd-seen', text: t['seen']});
    var lastVisitorAt = null;

    /** "Seen" under the visitor's last line once the agent has read up to it. */
    function showSeen(agentReadAt) {
      var visitorLines = log.querySelectorAll('.rd-line-visitor');
      var last = visitorLines[visitorLines.length - 1];
      if (last && agentReadAt && lastVisitorAt && new Date(agentReadAt).getTime() >= new Date(lastVisitorAt).getTime()) {
        last.insertAdjacentElement('afterend', seenMark);
      } else if (seenMark.parentNode) {
        seenMark.parentNode.removeChild(seenMark);
      }
    }

    function note(text) {
      log.appendChild(el('div', {className: 'rd-line rd-line-system', text: text}));
    }

    function apply(view) {
      if (view['agent_name'] && view['agent_name'] !== agentName) {
        agentName = view['agent_name'];
        note(t['chatJoined'].replace('{name}', function () {
          return agentName;
        }));
      }
      var agentSpoke = false;
      (view['lines'] || []).forEach(function (line) {
        agentSpoke = agentSpoke || (line['author'] !== 'visitor' && !seen[line['id']]);
        addLine(line);
      });
      showSeen(view['agent_read_at']);
      chatEnded = view['status'] === 'ended';
      composerForm.hidden = chatEnded;
      endChat.hidden = chatEnded;
      newChat.hidden = !chatEnded;
      chatStatus.textContent = chatEnded ? t['chatEnded'] : view['agent_typing'] ? t['chatTyping'].replace('{name}', function () {
        return agentName || '';
      }) : !agentName ? t['chatWaiting'] : '';
      if (agentSpoke && !panel.hidden && current === 'chat') {
        signal('read');
      }
      if (chatEnded) {
        disconnect();
      } else if (view['live_pass']) {
        connect(view['live_pass']);
      }
    }

    function fetchChat() {
      if (!chat) {
        return;
      }
      if (fetching) {
        fetchAgain = true;
        return;
      }
      fetching = true;
      ctx.request('GET', '/chats/' + encodeURIComponent(chat.id) + (lastLine ? '?after=' + encodeURIComponent(lastLine) : ''), undefined, chat.token)
          .then(apply, function (error) {
            if (error.status === 404) {
              forgetChat();
            }
          }).then(function () {
            fetching = false;
            if (fetchAgain) {
              fetchAgain = false;
              fetchChat();
            }
          });
    }

    function connect(pass) {
      if (socket || !win.WebSocket) {
        return;
      }
      try {
        socket = new win.WebSocket(ctx.live);
      } catch (e) {
        socket = null;
        return;
      }
      socket.onopen = function () {
        socket.send(pass);
      };
      socket.onmessage = function (event) {
        var message = {};
        try {
          message = JSON.parse(event.data);
        } catch (e) {
          return;
        }
        if (message['type'] === 'ready') {
          socketReady = true;
          log.setAttribute('data-live', 'open');
          reconnectDelay = 1000;
          fetchChat(); // what was said while the connection was down
        } else if (message['type'] === 'changed') {
          fetchChat();
        }
      };
      socket.onclose = function () {
        var wasReady = socketReady;
        socket = null;
        socketReady = false;
        log.setAttribute('data-live', 'closed');
        if (chat && !chatEnded) {
          if (wasReady) {
            chatStatus.textContent = t['chatReconnecting'];
          }
          win.setTimeout(fetchChat, reconnectDelay); // a fresh pass comes with the chat, and the connection with it
          reconnectDelay = Math.min(reconnectDelay * 2, 15000);
        }
      };
    }

    function disconnect() {
      if (socket) {
        socket.onclose = null;
        socket.close();
        socket = null;
        socketReady = false;
      }
    }

    // without a live connection (a proxy that refuses WebSockets) the chat is read every 3 seconds; with one, every 30 as a safety net
    var ticks = 0;
    win.setInterval(function () {
      ticks++;
      if (chat && !chatEnded && (!socketReady ? ticks % 3 === 0 : ticks % 30 === 0)) {
        fetchChat();
      }
      if (socketReady && ticks % 30 === 0) {
        socket.send('ping');
      }
    }, 1000);

    function signal(kind) {
      if (chat && !chatEnded) {
        ctx.request('POST', '/chats/' + encodeURIComponent(chat.id) + '/' + kind, undefined, chat.token).then(null, function () {});
      }
    }

    function rememberChat(started) {
      chat = {id: started['chat_id'], token: started['token']};
      writeJson(storage, chatKey, chat);
    }

    function forgetChat() {
      disconnect();
      chat = null;
      storage && storage.removeItem(chatKey);
      log.textContent = '';
      seen = {};
      lastLine = null;
      agentName = null;
      chatEnded = false;
      composerForm.hidden = false;
      endChat.hidden = true;
      newChat.hidden = true;
      chatStatus.textContent = '';
    }

    function startChat(text) {
      sendLine.disabled = true;
      ctx.request('POST', '/chats', {'visitor_id': visitorId(storage), 'message': text, 'page_url': win.location.origin + win.location.pathname},
          proof() || undefined)
          .then(function (started) {
            rememberChat(started);
            composer.value = '';
            endChat.hidden = false;
            apply(started['chat']);
            composer.focus();
          }, function (error) {
            if (error.status === 409 && error.problem && String(error.problem['type']).indexOf('chat-nobody-online') >= 0) {
              config['chat'] = false;
              showForm(text); // nobody at the desk after all: the message goes by the form
            } else {
              chatStatus.textContent = error.status && error.message ? error.message : t['error'];
            }
          }).then(function () {
            sendLine.disabled = false;
          });
    }

    composerForm.addEventListener('submit', function (event) {
      event.preventDefault();
      var text = composer.value.trim();
      if (!text) {
        return;
      }
      if (!chat) {
        startChat(text);
        return;
      }
      sendLine.disabled = true;
      ctx.request('POST', '/chats/' + encodeURIComponent(chat.id) + '/messages', {'body': text, 'after': lastLine}, chat.token).then(function (view) {
        composer.value = '';
        apply(view);
      }, function (error) {
        chatStatus.textContent = error.status && error.message ? error.message : t['error'];
        if (error.status === 404) {
          forgetChat();
        }
      }).then(function () {
        sendLine.disabled = false;
        composer.focus();
      });
    });
    composer.addEventListener('keydown', function (event) {
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        composerForm.requestSubmit ? composerForm.requestSubmit() : sendLine.click();
        return;
      }
      var now = Date.now();
      if (chat && now - lastTyping > 3000) {
        lastTyping = now;
        signal('typing');
      }
    });
    endChat.addEventListener('click', function () {
      if (!chat) {
        return;
      }
      ctx.request('POST', '/chats/' + encodeURIComponent(chat.id) + '/leave', undefined, chat.token).then(fetchChat, function () {});
    });
    newChat.addEventListener('click', function () {
      forgetChat();
      if (!config['chat']) {
        select(tabs[0].id, true);
      } else {
        composer.focus();
      }
    });

    // ---- my tickets: for the visitor the site vouches for, or who followed the emailed link
    var sessionKey = 'rd-visitor-session:' + ctx.site;
    var ticketsBox = el('div', {});
    if (tabs.some(function (tab) {
      return tab.id === 'tickets';
    })) {
      views.tickets = el('section', {className: 'rd-view', id: 'rd-view-tickets', role: 'tabpanel', 'aria-labelledby': 'rd-tab-tickets', hidden: true},
          [ticketsBox]);
      body.appendChild(views.tickets);
    }

    /** The headers that prove the visitor, or null. */
    function proof() {
      if (ctx.identity) {
        return {'X-Visitor-Hash': ctx.identity.hash, 'X-Visitor-Email': ctx.identity.email};
      }
      var session = storage && storage.getItem(sessionKey);
      return session ? {'X-Visitor-Session': session} : null;
    }

    function showTickets() {
      ticketsBox.textContent = '';
      if (!proof()) {
        askForEmail();
        return;
      }
      ctx.request('GET', '/tickets', undefined, proof()).then(function (found) {
        ticketsBox.textContent = '';
        var list = el('ul', {className: 'rd-results'});
        (found['data'] || []).forEach(function (ticket) {
          var button = el('button', {type: 'button', className: 'rd-hit'}, [
            el('span', {className: 'rd-hit-title', text: ticket['ticket_number'] + ' · ' + ticket['subject']}),
            el('span', {className: 'rd-hit-snippet', text: ticket['status'].replace(/_/g, ' ')})]);
          button.addEventListener('click', function () {
            showThread(ticket['number']);
          });
          list.appendChild(el('li', {}, [button]));
        });
        ticketsBox.appendChild(el('p', {className: 'rd-status', text: found['email'] || ''}));
        if (!(found['data'] || []).length) {
          ticketsBox.appendChild(el('p', {text: t['ticketsNone']}));
        }
        ticketsBox.appendChild(list);
        if (!ctx.identity) {
          var out = el('button', {type: 'button', className: 'rd-link', text: t['signOut']});
          out.addEventListener('click', function () {
            var proven = proof();
            storage && storage.removeItem(sessionKey);
            ctx.request('POST', '/visitor/sign-out', undefined, proven).then(null, function () {});
            showTickets();
          });
          ticketsBox.appendChild(out);
        }
      }, function (error) {
        if (error.status === 401 || error.status === 403) {
          storage && storage.removeItem(sessionKey);
          if (!ctx.identity) {
            askForEmail();
            return;
          }
        }
        ticketsBox.appendChild(el('p', {className: 'rd-error', role: 'alert', text: error.message || t['error']}));
      });
    }

    function askForEmail() {
      ticketsBox.textContent = '';
      var input = el('input', {className: 'rd-input', id: 'rd-link-email', type: 'email', autocomplete: 'email', maxlength: '320'});
      var error = el('p', {className: 'rd-error', id: 'rd-link-error', role: 'alert'});
      var ask = el('button', {type: 'submit', className: 'rd-primary', text: t['send']});
      var form = el('form', {novalidate: true}, [el('p', {text: t['ticketsIntro']}),
        el('div', {className: 'rd-field'}, [el('label', {'for': 'rd-link-email', text: t['email']}), input, error]), ask]);
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        ask.disabled = true;
        var email = input.value.trim();
        ctx.request('POST', '/visitor/code?lang=' + encodeURIComponent(config['language']), {'email': email}).then(function () {
          askForCode(email);
        }, function (problem) {
          error.textContent = problem.message || t['error'];
          ask.disabled = false;
        });
      });
      ticketsBox.appendChild(form);
    }

    /** The code the visitor got by email, typed here: a session for this browser. */
    function askForCode(email) {
      ticketsBox.textContent = '';
      var input = el('input', {className: 'rd-input', id: 'rd-code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: '12'});
      var error = el('p', {className: 'rd-error', id: 'rd-code-error', role: 'alert'});
      var check = el('button', {type: 'submit', className: 'rd-primary', text: t['showTickets']});
      var form = el('form', {novalidate: true}, [el('p', {className: 'rd-sent', role: 'status', text: t['ticketsCodeSent']}),
        el('div', {className: 'rd-field'}, [el('label', {'for': 'rd-code', text: t['codeLabel']}), input, error]), check]);
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        check.disabled = true;
        ctx.request('POST', '/visitor/verify', {'email': email, 'code': input.value.trim()}).then(function (session) {
          writeSession(session['session']);
          showTickets();
        }, function (problem) {
          var detail = problem.problem && problem.problem['errors'] && problem.problem['errors'][0];
          error.textContent = detail ? detail['message'] : problem.message || t['error'];
          check.disabled = false;
          input.focus();
        });
      });
      ticketsBox.appendChild(form);
      input.focus();
    }

    function showThread(number) {
      ctx.request('GET', '/tickets/' + encodeURIComponent(number), undefined, proof()).then(function (thread) {
        ticketsBox.textContent = '';
        var back = el('button', {type: 'button', className: 'rd-link', text: '← ' + t['back']});
        back.addEventListener('click', showTickets);
        var lines = el('div', {className: 'rd-log'});
        lines.appendChild(el('div', {className: 'rd-line rd-line-visitor'}, [el('span', {className: 'rd-line-name', text: t['you']}),
          thread['description'] || '']));
        (thread['lines'] || []).forEach(function (line) {
          lines.appendChild(el('div', {className: 'rd-line rd-line-' + line['author']}, [
            el('span', {className: 'rd-line-name', text: line['author'] === 'visitor' ? t['you'] : line['name']}), line['text']]));
        });
        ticketsBox.appendChild(back);
        ticketsBox.appendChild(el('h3', {tabindex: '-1', text: thread['ticket']['ticket_number'] + ' · ' + thread['ticket']['subject']}));
        ticketsBox.appendChild(lines);
        if (thread['may_reply']) {
          var text = el('textarea', {className: 'rd-input', id: 'rd-ticket-reply', maxlength: '10000', placeholder: t['replyPlaceholder']});
          var send = el('button', {type: 'submit', className: 'rd-primary', text: t['send']});
          var form = el('form', {className: 'rd-composer', novalidate: true}, [
            el('label', {className: 'rd-sr', 'for': 'rd-ticket-reply', text: t['replyPlaceholder']}), text, send]);
          form.addEventListener('submit', function (event) {
            event.preventDefault();
            if (!text.value.trim()) {
              return;
            }
            send.disabled = true;
            ctx.request('POST', '/tickets/' + encodeURIComponent(number) + '/replies', {'body': text.value}, proof()).then(function () {
              showThread(number);
            }, function (problem) {
              send.disabled = false;
              ticketsBox.appendChild(el('p', {className: 'rd-error', role: 'alert', text: problem.message || t['error']}));
            });
          });
          ticketsBox.appendChild(form);
        }
        ticketsBox.querySelector('h3').focus();
      }, function (error) {
        ticketsBox.appendChild(el('p', {className: 'rd-error', role: 'alert', text: error.message || t['error']}));
      });
    }

    function writeSession(session) {
      try {
        if (storage) {
          storage.setItem(sessionKey, session);
        }
      } catch (e) {
        // not kept: the visitor asks for a link again next time
      }
    }

    // ---- the panel
    var current = null;
    function select(id, focusTab) {
      var entering = current !== id;
      current = id;
      if (id === 'tickets' && entering) {
        showTickets();
      }
      tabs.forEach(function (tab) {
        var selected = tab.id === id;
        tabButtons[tab.id].setAttribute('aria-selected', String(selected));
        tabButtons[tab.id].setAttribute('tabindex', selected ? '0' : '-1');
        views[tab.id].hidden = !selected;
      });
      if (focusTab) {
        tabButtons[id].focus();
      }
    }
    select(chat ? 'chat' : tabs[0].id, false);
    if (chat) {
      fetchChat(); // a chat this browser is in (a reload, another page of the site): it goes on
    }

    expand.addEventListener('click', function () {
      var expanded = panel.classList.toggle('rd-expanded');
      expand.setAttribute('aria-pressed', String(expanded));
      expand.setAttribute('aria-label', expanded ? t['collapse'] : t['expand']);
      expand.innerHTML = expanded ? ICON_COLLAPSE : ICON_EXPAND;
    });
    close.addEventListener('click', ctx.close);
    panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') {
        ctx.close();
      }
    });
    ctx.root.appendChild(panel);

    return {
      show: function () {
        panel.hidden = false;
        var focus = current === 'help' ? (articleBox.hidden ? question : articleBox.querySelector('h3')) : current === 'chat' ? composer
            : tabButtons[current] || close;
        (focus || close).focus();
        if (current === 'chat') {
          signal('read');
        }
      },
      hide: function () {
        panel.hidden = true;
      }
    };
  };
  widget.ready();
})(window, document);
