// The runners' balloon list, kept live: the list is fetched again every second and swapped
// in when it changed (the page works without this, by reloading).
(function () {
  "use strict";
  const box = document.getElementById("balloons");
  if (!box) return;
  let last = box.innerHTML;
  async function follow() {
    try {
      const reply = await fetch(box.dataset.follow, {credentials: "same-origin"});
      if (reply.ok) {
        const html = await reply.text();
        if (html !== last) { box.innerHTML = html; last = html; }
      }
    } catch (e) { /* the server restarts: try again */ }
    setTimeout(follow, 1000);
  }
  setTimeout(follow, 1000);
})();
