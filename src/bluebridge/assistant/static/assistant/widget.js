/* The assistant's chat widget: a small panel on public pages that talks to /api/assistant/.
   Without JavaScript the widget stays hidden and the "Ask a question" link in the header opens
   the full-page chat, which works with plain forms. */
(function () {
  "use strict";
  var root = document.querySelector("[data-assistant]");
  if (!root || !window.fetch) { return; }
  var api = root.getAttribute("data-api");
  var lang = root.getAttribute("data-lang") || "en";
  var toggle = root.querySelector("[data-assistant-toggle]");
  var panel = document.getElementById("bb-assistant-panel");
  var closeButton = root.querySelector("[data-assistant-close]");
  var log = root.querySelector("[data-assistant-log]");
  var form = root.querySelector("[data-assistant-form]");
  var input = document.getElementById("bb-assistant-text");
  var strings = root.querySelector("[data-assistant-strings]").dataset;
  var KEY = "bb-assistant-conversation";
  var conversation = sessionStorage.getItem(KEY) || "";
  var lastSeen = 0;
  var polling = null;
  var busy = false;

  root.hidden = false;

  function open() {
    panel.hidden = false;
    toggle.setAttribute("aria-expanded", "true");
    input.focus();
    if (conversation && lastSeen === 0) { poll(true); }
  }
  function close() {
    panel.hidden = true;
    toggle.setAttribute("aria-expanded", "false");
    toggle.focus();
  }
  toggle.addEventListener("click", function () { panel.hidden ? open() : close(); });
  closeButton.addEventListener("click", close);
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { close(); }
  });

  function removeOptions() {
    var old = log.querySelectorAll(".bb-assistant__options");
    for (var i = 0; i < old.length; i++) { old[i].remove(); }
  }

  function addMessage(sender, text, html) {
    var item = document.createElement("div");
    item.className = "bb-assistant__msg bb-assistant__msg--" + sender;
    var who = document.createElement("span");
    who.className = "usa-sr-only";
    who.textContent = (strings[sender] || sender) + ": ";
    item.appendChild(who);
    var body = document.createElement("div");
    if (html) { body.innerHTML = html; } else {
      text.split("\n").forEach(function (line, index) {
        if (index) { body.appendChild(document.createElement("br")); }
        body.appendChild(document.createTextNode(line));
      });
    }
    item.appendChild(body);
    log.appendChild(item);
    log.scrollTop = log.scrollHeight;
    return item;
  }

  function addOptions(options) {
    removeOptions();
    if (!options || !options.length) { return; }
    var group = document.createElement("div");
    group.className = "bb-assistant__options";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", strings.options);
    options.forEach(function (option) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "usa-button usa-button--outline bb-assistant__option";
      button.textContent = option.label;
      button.addEventListener("click", function () {
        send(option.label, option.action, option.value);
      });
      group.appendChild(button);
    });
    log.appendChild(group);
    log.scrollTop = log.scrollHeight;
  }

  function remember(id) {
    conversation = id;
    sessionStorage.setItem(KEY, id);
  }

  function send(text, action, value) {
    if (busy || (!text && !action)) { return; }
    busy = true;
    removeOptions();
    addMessage("you", text);
    fetch(api + "messages", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify({ conversation: conversation || null, text: text, language: lang,
                             action: action || "", value: value || "" })
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (reply) {
      if (reply.conversation !== conversation) { lastSeen = 0; }
      remember(reply.conversation);
      if (reply.message_id) { lastSeen = Math.max(lastSeen, reply.message_id); }
      if (reply.text) { addMessage("bot", reply.text, reply.html); }
      addOptions(reply.options);
      watch(reply.state);
    }).catch(function () {
      addMessage("system", strings.error);
    }).then(function () { busy = false; });
  }

  function watch(state) {
    var withPerson = state === "waiting" || state === "agent";
    if (withPerson && !polling) {
      polling = setInterval(function () { poll(false); }, 3000);
    } else if (!withPerson && polling) {
      clearInterval(polling);
      polling = null;
    }
  }

  function poll(everything) {
    if (!conversation) { return; }
    fetch(api + "conversations/" + encodeURIComponent(conversation) + "/messages?after=" + lastSeen,
          { headers: { "Accept": "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var last = null;
        data.messages.forEach(function (message) {
          lastSeen = Math.max(lastSeen, message.id);
          if (message.sender === "resident" && !everything) { return; }
          addMessage(message.sender === "resident" ? "you" : message.sender, message.text, message.html);
          last = message;
        });
        if (everything && last && last.sender === "bot") { addOptions(last.options); }
        watch(data.state);
        if (data.state === "closed") {
          sessionStorage.removeItem(KEY);
          conversation = "";
        }
      }).catch(function () {});
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { input.focus(); return; }
    input.value = "";
    send(text, "", "");
    input.focus();
  });
})();
