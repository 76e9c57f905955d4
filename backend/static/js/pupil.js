/* Enhancements for the pupil pages; every page works without this file.
   - Exit this page: the button and Shift pressed 3 times replace the page at once
     (location.replace, so Back does not return to it) via /exit, which clears the session.
   - A page restored from the back-forward cache is fetched again, so it shows what the
     server has now (after an exit: nothing).
   - "I'd rather not say" / "I don't understand" clear the other boxes, and the reverse.
   - A live count of characters left in free-text boxes.
   - A second press of "Send my answers" does nothing (the server stores one anyway).
   - "Read aloud" buttons, shown only where the browser can speak (speechSynthesis): they
     read the question and its choices in the page's language; a second press stops. */
(function () {
  'use strict';
  var root = document.documentElement;
  root.classList.remove('no-js');
  root.classList.add('js');

  var exitLinks = document.querySelectorAll('[data-exit]');
  var exitUrl = exitLinks.length ? exitLinks[0].getAttribute('href') : '/exit';

  function exitNow() {
    root.classList.add('exiting');
    document.title = '';
    window.location.replace(exitUrl);
  }

  Array.prototype.forEach.call(exitLinks, function (link) {
    link.addEventListener('click', function (event) {
      event.preventDefault();
      exitNow();
    });
  });
  var hint = document.getElementById('exit-hint');
  if (hint && exitLinks.length) { hint.hidden = false; }

  var shiftPresses = 0;
  var shiftTimer = null;
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Shift') { shiftPresses = 0; return; }
    if (event.repeat) { return; }
    shiftPresses += 1;
    window.clearTimeout(shiftTimer);
    shiftTimer = window.setTimeout(function () { shiftPresses = 0; }, 5000);
    if (shiftPresses >= 3) { exitNow(); }
  });

  window.addEventListener('pageshow', function (event) {
    if (event.persisted) { window.location.reload(); }
  });

  Array.prototype.forEach.call(document.querySelectorAll('.checkboxes'), function (group) {
    group.addEventListener('change', function (event) {
      var box = event.target;
      if (!box.checked || box.type !== 'checkbox') { return; }
      var exclusive = box.getAttribute('data-behaviour') === 'exclusive';
      Array.prototype.forEach.call(group.querySelectorAll('input[type=checkbox]'), function (other) {
        if (other === box) { return; }
        if (exclusive || other.getAttribute('data-behaviour') === 'exclusive') { other.checked = false; }
      });
    });
  });

  Array.prototype.forEach.call(document.querySelectorAll('textarea[data-maxlength]'), function (area) {
    var max = parseInt(area.getAttribute('data-maxlength'), 10);
    var template = area.getAttribute('data-count-text') || '{n}';
    if (!max) { return; }
    var count = document.createElement('p');
    count.className = 'hint char-count';
    count.setAttribute('aria-live', 'polite');
    area.parentNode.insertBefore(count, area.nextSibling);
    var timer = null;
    function update() {
      count.textContent = template.replace('{n}', String(max - area.value.trim().length));
    }
    area.addEventListener('input', function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 600);
    });
    update();
  });

  Array.prototype.forEach.call(document.querySelectorAll('form[data-prevent-double-submit]'), function (form) {
    form.addEventListener('submit', function (event) {
      if (form.getAttribute('data-sending')) { event.preventDefault(); return; }
      form.setAttribute('data-sending', '1');
    });
  });

  var synth = window.speechSynthesis;
  if (synth && window.SpeechSynthesisUtterance) {
    var lang = root.getAttribute('lang') || 'en';
    Array.prototype.forEach.call(document.querySelectorAll('[data-read-aloud]'), function (button) {
      var group = document.getElementById(button.getAttribute('data-read-aloud'));
      if (!group) { return; }
      button.hidden = false;
      button.addEventListener('click', function () {
        if (synth.speaking) { synth.cancel(); return; }
        var parts = [];
        Array.prototype.forEach.call(
          group.querySelectorAll('legend, label, .hint:not(.char-limit):not(.char-count), .choices__divider'),
          function (el) {
            var text = el.textContent.replace(/\s+/g, ' ').trim();
            if (text) { parts.push(text); }
          });
        var utterance = new window.SpeechSynthesisUtterance(parts.join('. '));
        utterance.lang = lang;
        var voices = synth.getVoices ? synth.getVoices() : [];
        for (var i = 0; i < voices.length; i += 1) {
          if (voices[i].lang && voices[i].lang.toLowerCase().indexOf(lang) === 0) {
            utterance.voice = voices[i];
            break;
          }
        }
        synth.speak(utterance);
      });
    });
  }

  var summary = document.querySelector('[data-error-summary]');
  if (summary) { summary.focus(); }
}());
