"""hls.js from the npm registry (`npm pack`, cached) and a player page, both served by the
test on the API's own origin, in the system's headless Chromium."""

from __future__ import annotations

import os
import subprocess
import tarfile
from pathlib import Path

HLS_JS_VERSION = "1.7.4"
CHROMIUM = "/usr/bin/chromium"
PLAYER = """<!doctype html>
<html><body>
<video id="video" muted playsinline></video>
<script src="/player/hls.min.js"></script>
<script>
window.player = function (url, token) {
  const video = document.getElementById("video");
  const hls = new Hls({
    xhrSetup: (xhr) => xhr.setRequestHeader("Authorization", token),
    fetchSetup: (context, init) => {
      init.headers = new Headers(init.headers || {});
      init.headers.set("Authorization", token);
      return new Request(context.url, init);
    },
  });
  window.hls = hls;
  window.errors = [];
  window.seeks = 0;
  video.addEventListener("seeking", () => { window.seeks += 1; });
  hls.on(Hls.Events.ERROR, (_, data) => {
    if (data.fatal) window.errors.push(data.type + ":" + data.details);
  });
  hls.on(Hls.Events.MANIFEST_PARSED, () => video.play());
  hls.loadSource(url);
  hls.attachMedia(video);
};
</script>
</body></html>
"""


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "revenge-tests"


def hls_js() -> bytes:
    """hls.min.js of the pinned release, fetched once with `npm pack`."""
    folder = cache_dir() / f"hls.js-{HLS_JS_VERSION}"
    script = folder / "package" / "dist" / "hls.min.js"
    if not script.is_file():
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "pack", f"hls.js@{HLS_JS_VERSION}", "--pack-destination", str(folder)],
            check=True,
            timeout=300,
            capture_output=True,
        )
        with tarfile.open(folder / f"hls.js-{HLS_JS_VERSION}.tgz") as archive:
            archive.extract("package/dist/hls.min.js", folder, filter="data")
    return script.read_bytes()
