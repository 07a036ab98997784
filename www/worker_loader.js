// The Monte Carlo worker's entry script: keeps the
// MessagePorts the page sends to connect this worker with its other Monte Carlo workers, then loads the
// worker's Wasm (worker.js and worker_bg.wasm, built by trunk from src/bin/worker.rs).
//
// The ports come right after the worker is created, before its Wasm is ready to listen, so this script
// takes them: a message {lichengPeer: part} carries the port to the worker of that part. It stops there,
// so gloo-worker's own handler (set later by the Wasm) sees only gloo's messages.
self.lichengPeers = [];
self.addEventListener("message", (event) => {
  const data = event.data;
  if (data !== null && typeof data === "object" && Number.isInteger(data.lichengPeer) && event.ports.length === 1) {
    event.stopImmediatePropagation();
    self.lichengPeers.push({ peer: data.lichengPeer, port: event.ports[0] });
  }
});
// The page starts this script as worker_loader.js?v=<its build>; the same query fetches the two files of
// that build, not a copy an earlier deployment left in the browser's cache.
const version = self.location.search;
importScripts("./worker.js" + version);
wasm_bindgen("./worker_bg.wasm" + version);
