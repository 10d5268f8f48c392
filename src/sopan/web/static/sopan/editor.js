/* sopan draft editor: row operations, autosave trigger, a copy in localStorage, jumps to
 * fields. Loaded as a file (CSP script-src 'self': no inline code, no eval). The page works
 * without it: the form posts as is and the server keeps blank rows for adding. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var form = document.getElementById("editor-form");
  if (!form) { return; }
  var storageKey = form.getAttribute("data-storage-key");
  var dirty = false;
  var conflict = form.hasAttribute("data-conflict");
  var editsSinceSave = 0;
  var saveTimer = null;
  var storeTimer = null;

  function $(selector, root) { return (root || document).querySelector(selector); }
  function $all(selector, root) { return Array.prototype.slice.call((root || document).querySelectorAll(selector)); }

  /* ---------- keys and templates ---------- */

  function nextKey(name) {
    var max = -1;
    $all('input[type="hidden"][name="' + name + '"]', form).forEach(function (input) {
      var n = parseInt(input.value, 10);
      if (!isNaN(n) && n > max) { max = n; }
    });
    return String(max + 1);
  }

  function fromTemplate(id, placeholder, key) {
    var tpl = document.getElementById(id);
    var holder = document.createElement("tbody");
    holder.innerHTML = tpl.innerHTML.split(placeholder).join(key);
    var row = holder.firstElementChild;
    row.removeAttribute("data-blank");
    return row;
  }

  function actorLabel(actorKey) {
    var name = $('[data-actor-name="' + actorKey + '"]', form);
    var id = $('input[name="pelaksana.' + actorKey + '.id"]', form);
    return (name && name.value.trim()) || (id && id.value.trim()) || "?";
  }

  function newStep(atEnd) {
    var key = nextKey("langkah");
    var row = fromTemplate("tpl-langkah", "__k__", key);
    $all("[data-actor-label]", row).forEach(function (span) {
      span.textContent = actorLabel(span.getAttribute("data-actor-label"));
    });
    $("[data-step-id]", row).value = "l" + key;
    if (atEnd) {
      var max = 0;
      $all("[data-step-no]", form).forEach(function (input) {
        var n = parseInt(input.value, 10);
        if (!isNaN(n) && n > max) { max = n; }
      });
      $("[data-step-no]", row).value = String(max + 1);
    }
    return row;
  }

  function actorCheckbox(stepKey, actorKey, label) {
    var wrap = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.name = "langkah." + stepKey + ".pelaksana";
    box.value = actorKey;
    box.setAttribute("data-actor", actorKey);
    var span = document.createElement("span");
    span.setAttribute("data-actor-label", actorKey);
    span.textContent = label;
    wrap.appendChild(box);
    wrap.appendChild(document.createTextNode(" "));
    wrap.appendChild(span);
    return wrap;
  }

  function addActor() {
    var key = nextKey("pelaksana");
    var row = fromTemplate("tpl-pelaksana", "__a__", key);
    $("#pelaksana-rows").appendChild(row);
    $all("tr.step-row", $("#langkah-rows")).forEach(function (step) {
      var cell = $(".actors-cell", step);
      cell.insertBefore(actorCheckbox(step.getAttribute("data-key"), key, "?"), $(".field-error", cell));
      // (the label follows the name as it is typed: see the input listener)
    });
    var tpl = document.getElementById("tpl-langkah");
    var tplCell = tpl.content.querySelector(".actors-cell");
    tplCell.appendChild(actorCheckbox("__k__", key, "?"));
    var input = $("[data-actor-name]", row);
    if (input) { input.focus(); }
  }

  function removeActor(row) {
    var key = row.getAttribute("data-key");
    row.parentNode.removeChild(row);
    $all('[data-actor="' + key + '"]', form).forEach(function (box) { box.parentNode.remove(); });
    var tpl = document.getElementById("tpl-langkah");
    Array.prototype.forEach.call(tpl.content.querySelectorAll('[data-actor="' + key + '"]'), function (box) { box.parentNode.remove(); });
  }

  function refreshStepIds() {
    var list = document.getElementById("daftar-langkah");
    if (!list) { return; }
    list.innerHTML = "";
    $all("tr.step-row", $("#langkah-rows")).forEach(function (row) {
      var id = $("[data-step-id]", row).value.trim() || $("[data-step-no]", row).value.trim();
      if (id) {
        var option = document.createElement("option");
        option.value = id;
        list.appendChild(option);
      }
    });
  }

  function clearRow(row) {
    $all("input, textarea, select", row).forEach(function (field) {
      if (field.tagName === "SELECT") { field.selectedIndex = 0; }
      else if (field.type !== "hidden" && field.type !== "checkbox") { field.value = ""; }
    });
  }

  function cloneEmpty(row) {
    var copy = row.cloneNode(true);
    clearRow(copy);
    $all("[id]", copy).forEach(function (el) { el.id = el.id + "-n" + Date.now(); });
    $all(".field-error", copy).forEach(function (el) { el.remove(); });
    return copy;
  }

  /* ---------- row operations ---------- */

  var actions = {
    "up": function (row) { if (row.previousElementSibling) { row.parentNode.insertBefore(row, row.previousElementSibling); } },
    "down": function (row) { if (row.nextElementSibling) { row.parentNode.insertBefore(row.nextElementSibling, row); } },
    "insert-step": function (row) { row.parentNode.insertBefore(newStep(false), row); },
    "add-step": function () { $("#langkah-rows").appendChild(newStep(true)); },
    "delete-step": function (row) {
      var text = $("textarea", row).value.trim();
      if (text && !window.confirm(form.getAttribute("data-confirm-delete") || "Hapus langkah ini?")) { return false; }
      row.parentNode.removeChild(row);
    },
    "add-branch": function (row, button) {
      var rows = $all(".cabang-row", button.parentNode);
      var copy = cloneEmpty(rows[rows.length - 1]);
      button.parentNode.insertBefore(copy, button);
    },
    "add-actor": function () { addActor(); },
    "delete-actor": function (row) { removeActor(row); },
    "add-row": function (row, button) {
      var body = $("tbody", button.parentNode);
      var rows = $all("tr", body);
      body.appendChild(cloneEmpty(rows[rows.length - 1]));
    },
    "remove-row": function (row) {
      if (row.parentNode.children.length > 1) { row.parentNode.removeChild(row); } else { clearRow(row); }
    },
    "add-line": function (row, button) {
      var box = $(".lines", button.parentNode);
      var lines = $all(".line-row", box);
      var copy = cloneEmpty(lines[lines.length - 1]);
      box.appendChild(copy);
      if (window.htmx) { window.htmx.process(copy); }
    },
    "remove-line": function (row, button) {
      var line = button.closest(".line-row");
      if (line.parentNode.children.length > 1) { line.parentNode.removeChild(line); } else { clearRow(line); }
    }
  };

  form.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-action]");
    if (!button || !actions[button.getAttribute("data-action")]) { return; }
    event.preventDefault();
    var result = actions[button.getAttribute("data-action")](button.closest("tr"), button);
    if (result === false) { return; }
    if (document.body.contains(button)) { button.focus(); }
    refreshStepIds();
    changed(true);
  });

  form.addEventListener("input", function (event) {
    var name = event.target.getAttribute("data-actor-name");
    if (name !== null) {
      var label = event.target.value.trim() || "?";
      $all('[data-actor-label="' + name + '"]', form).forEach(function (span) { span.textContent = label; });
    }
    if (event.target.hasAttribute("data-step-id") || event.target.hasAttribute("data-step-no")) { refreshStepIds(); }
    changed(false);
  });

  form.addEventListener("change", function () {
    changed(false);
    scheduleSave(800);  // leaving a field saves soon
  });

  /* ---------- preview, autosave, local copy ---------- */

  function changed(structural) {
    dirty = true;
    editsSinceSave += 1;
    clearTimeout(storeTimer);
    storeTimer = setTimeout(storeCopy, 400);
    if (structural && window.htmx) { window.htmx.trigger("#pratinjau", "sopan:refresh"); }
  }

  function scheduleSave(delay) {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, delay);
  }

  var pending = 0;
  function save() {
    if (!dirty || conflict || !window.htmx) { return; }
    pending = editsSinceSave;
    window.htmx.trigger("#autosave", "sopan:autosave");
  }

  setInterval(function () { if (dirty) { save(); } }, 20000);

  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (!event.detail.elt || event.detail.elt.id !== "autosave") { return; }
    var status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (status === 409) { conflict = true; return; }
    if (status === 200 || status === 422) {
      if (editsSinceSave === pending) { dirty = false; }
      if (status === 200 && !dirty) { dropCopy(); }
    }
  });

  function serialise() {
    var pairs = [];
    new FormData(form).forEach(function (value, name) {
      if (name !== "csrfmiddlewaretoken" && typeof value === "string") { pairs.push([name, value]); }
    });
    return pairs;
  }

  function storeCopy() {
    try {
      window.localStorage.setItem(storageKey, JSON.stringify({
        at: new Date().toISOString(), lock: $("#lock-version").value, pairs: serialise()
      }));
    } catch (e) { /* storage full or disabled: autosave still works */ }
  }

  function readCopy() {
    try { return JSON.parse(window.localStorage.getItem(storageKey) || "null"); } catch (e) { return null; }
  }

  function dropCopy() {
    try { window.localStorage.removeItem(storageKey); } catch (e) { /* nothing */ }
  }

  function offerRestore() {
    var copy = readCopy();
    var banner = document.getElementById("pulihkan-banner");
    if (!copy || !banner || !copy.pairs) { return; }
    if (JSON.stringify(copy.pairs) === JSON.stringify(serialise())) { dropCopy(); return; }
    banner.hidden = false;
    banner.addEventListener("click", function (event) {
      var action = event.target.getAttribute("data-action");
      if (action === "discard-copy") { dropCopy(); banner.hidden = true; }
      if (action === "restore") { restore(copy); }
    });
  }

  function restore(copy) {
    var post = document.createElement("form");
    post.method = "post";
    post.action = form.getAttribute("data-restore-url");
    var token = $('input[name="csrfmiddlewaretoken"]', form);
    var fields = [["csrfmiddlewaretoken", token ? token.value : ""]].concat(
      copy.pairs.filter(function (pair) { return pair[0] !== "csrfmiddlewaretoken"; }));
    fields.forEach(function (pair) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = pair[0];
      input.value = pair[1];
      post.appendChild(input);
    });
    document.body.appendChild(post);
    post.submit();
  }

  form.addEventListener("submit", function () { storeCopy(); });

  /* ---------- jump from a finding to its field ---------- */

  function jump(id) {
    var target = document.getElementById(id);
    if (!target) { return; }
    for (var el = target.parentElement; el; el = el.parentElement) {
      if (el.tagName === "DETAILS") { el.open = true; }
    }
    target.scrollIntoView({ block: "center" });
    var focusable = target.matches("input, textarea, select") ? target : $("input, textarea, select", target);
    if (focusable) { focusable.focus({ preventScroll: true }); }
    target.classList.add("jump-target");
    setTimeout(function () { target.classList.remove("jump-target"); }, 1600);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.jump");
    if (!link) { return; }
    event.preventDefault();
    var id = link.getAttribute("href").slice(1);
    if (window.history && window.history.replaceState) { window.history.replaceState(null, "", "#" + id); }
    jump(id);
  });

  /* ---------- start ---------- */

  // With JavaScript the buttons add rows; the blank rows for browsers without it go away.
  $all("tr[data-blank]", form).forEach(function (row) { row.parentNode.removeChild(row); });
  refreshStepIds();
  if (/[?&]tersimpan\b/.test(window.location.search)) {
    dropCopy();  // the full save that brought us here went through
    if (window.history && window.history.replaceState) {
      window.history.replaceState(null, "", window.location.pathname + window.location.hash);
    }
  } else if (conflict) { storeCopy(); } else { offerRestore(); }
  if (window.location.hash.length > 1) { jump(window.location.hash.slice(1)); }
}());
