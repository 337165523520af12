/* The door scanner page's script, an ES module (<script type="module">): camera
   (BarcodeDetector or jsQR; on by default on phones), keyboard-wedge field, name search
   (online, or on the door's list offline), full-screen answers with sounds, and an
   offline mode (IndexedDB queue + digest list). Each part lives in
   static/js/scanner/; this file starts them in order. The service worker keeps every one
   of those files for offline use (its list: forum/checkin/scanner_views.py). */
import { setUpAnnul } from "./scanner/annul.js";
import { setUpAnswer } from "./scanner/answer.js";
import { cameraByDefault, setUpCamera, startCamera } from "./scanner/camera.js";
import { setUpDoorChoice } from "./scanner/door.js";
import { loadList } from "./scanner/offline.js";
import { codeInput, hasScanner, root } from "./scanner/page.js";
import { updateQueue, watchNetwork } from "./scanner/queue.js";
import { setUpSearch } from "./scanner/search.js";
import { setUpSignOut } from "./scanner/signout.js";
import { refreshStats, watchStats } from "./scanner/stats.js";
import { setUpWedge } from "./scanner/wedge.js";

if (hasScanner) {
  setUpAnswer();
  watchNetwork();
  watchStats();
  setUpDoorChoice();
  setUpAnnul();
  setUpWedge();
  setUpSearch();
  setUpSignOut();
  setUpCamera();
  // The scanner opens without a network: see scanner-sw.js.
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.dataset.swUrl, { scope: root.dataset.swScope }).catch(function () {});
  }
  loadList();
  refreshStats();
  updateQueue();
  codeInput.focus();
  if (cameraByDefault()) startCamera();
  // Until now a tap on "Search" would submit the form as a plain page load: tests (and
  // anything else that drives the page) wait for this mark.
  root.dataset.ready = "true";
}
