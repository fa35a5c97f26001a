// 文化市场综合执法 — body-camera video and audio 执法记录仪 uploaded from the inspection page in chunks.
// The page answers the API's resumable-upload requests over the session cookie (?handler=UploadStart, Upload,
// UploadChunk, UploadComplete). A dropped connection is retried from where the server says the upload stands; the
// upload's id is kept in localStorage under the file's name, size and modification time, so after a reload (or a
// closed tab) choosing the same file again continues from the server's offset instead of starting over.
(function () {
    "use strict";

    var root = document.getElementById("recording-upload");
    if (!root) return;

    var base = root.getAttribute("data-base");
    var inspection = root.getAttribute("data-inspection");
    var chunkBytes = parseInt(root.getAttribute("data-chunk-bytes"), 10);
    var maxBytes = Number(root.getAttribute("data-max-bytes"));
    var input = document.getElementById("recording-file");
    var caption = document.getElementById("recording-caption");
    var button = document.getElementById("recording-start");
    var bar = document.getElementById("recording-progress");
    var status = document.getElementById("recording-status");
    var pending = document.getElementById("recording-pending");

    var PREFIX = "inspections.evidence-upload|";
    var BY_EXTENSION = { mp4: "video/mp4", m4a: "audio/mp4", mp3: "audio/mpeg", aac: "audio/aac", wav: "audio/wav", amr: "audio/amr" };
    var DECLARABLE = ["video/mp4", "audio/mp4", "audio/m4a", "audio/x-m4a", "audio/aac", "audio/mpeg", "audio/mp3",
        "audio/wav", "audio/x-wav", "audio/wave", "audio/amr", "audio/amr-wb"];

    function csrfToken() {
        var meta = document.querySelector('meta[name="csrf-token"]');
        return meta ? meta.getAttribute("content") : "";
    }

    function keyOf(file) {
        return PREFIX + inspection + "|" + file.name + "|" + file.size + "|" + file.lastModified;
    }

    function typeOf(file) {
        var declared = (file.type || "").toLowerCase();
        if (DECLARABLE.indexOf(declared) >= 0) return declared;
        var dot = file.name.lastIndexOf(".");
        var extension = dot < 0 ? "" : file.name.substring(dot + 1).toLowerCase();
        return BY_EXTENSION[extension] || declared || "application/octet-stream";
    }

    function mb(bytes) {
        return (bytes / 1048576).toFixed(1) + " MB";
    }

    function say(text, state) {
        status.textContent = text;
        status.setAttribute("data-state", state);
    }

    function progress(received, size, upload) {
        bar.hidden = false;
        bar.max = size;
        bar.value = received;
        bar.setAttribute("data-received", String(received));
        bar.setAttribute("data-upload", upload);
        say("正在上传：已上传 " + mb(received) + " / " + mb(size) + "（" + Math.floor(received * 100 / size) + "%）", "uploading");
    }

    function url(handler, upload) {
        return base + "?handler=" + handler + (upload ? "&uploadId=" + encodeURIComponent(upload) : "");
    }

    function sleep(ms) {
        return new Promise(function (resolve) { setTimeout(resolve, ms); });
    }

    // One request to the page; a problem document or JSON answer parsed, a network failure thrown.
    async function call(method, address, body, headers) {
        var all = { "Accept": "application/json" };
        if (method !== "GET") all["RequestVerificationToken"] = csrfToken();
        Object.keys(headers || {}).forEach(function (k) { all[k] = headers[k]; });
        var response = await fetch(address, { method: method, body: body, headers: all, credentials: "same-origin", cache: "no-store" });
        var text = await response.text();
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        return { status: response.status, ok: response.ok && json !== null, body: json, signedOut: response.ok && json === null };
    }

    // Retries while the network is down or the server is unavailable, telling the officer it will go on by itself.
    async function retrying(send) {
        var wait = 1;
        for (;;) {
            var answer = null;
            try {
                answer = await send();
            } catch (e) {
                answer = null;
            }
            if (answer !== null && answer.status < 500) return answer;
            say("网络中断或服务器暂时不可用，" + wait + " 秒后自动重试（已上传的部分不会丢失）…", "offline");
            await sleep(wait * 1000);
            wait = Math.min(wait * 2, 8);
        }
    }

    function problemText(answer) {
        if (answer.signedOut) return "登录已过期，请重新登录后再选择该文件继续上传。";
        var body = answer.body || {};
        var parts = [];
        if (body.errors) Object.keys(body.errors).forEach(function (k) { parts = parts.concat(body.errors[k]); });
        if (parts.length === 0 && body.detail) parts.push(body.detail);
        if (parts.length === 0) parts.push("上传失败（HTTP " + answer.status + "）");
        return parts.join("；");
    }

    function fail(answer, key) {
        // An upload the server no longer has (expired, or its bytes lost) starts again next time.
        if (key && (answer.status === 404 || (answer.status === 409 && !(answer.body && typeof answer.body.currentOffset === "number")))) {
            localStorage.removeItem(key);
        }
        say("上传未完成：" + problemText(answer), "failed");
    }

    function remembered(key) {
        try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
    }

    async function upload(file) {
        var key = keyOf(file);
        var state = null;
        var saved = remembered(key);
        if (saved && saved.id) {
            var known = await retrying(function () { return call("GET", url("Upload", saved.id)); });
            if (known.ok) {
                state = known.body;
                say("从断点继续上传：服务器已收到 " + mb(state.receivedBytes) + "，从该处继续。", "resuming");
                status.setAttribute("data-resumed-from", String(state.receivedBytes));
            } else {
                localStorage.removeItem(key);
            }
        }
        if (!state) {
            var started = await retrying(function () {
                return call("POST", url("UploadStart"), JSON.stringify({
                    fileName: file.name, contentType: typeOf(file), sizeBytes: file.size, caption: caption.value.trim() || null,
                }), { "Content-Type": "application/json" });
            });
            if (!started.ok) return fail(started, null);
            state = started.body;
            localStorage.setItem(key, JSON.stringify({ id: state.id, name: file.name, size: file.size }));
        }

        var size = file.size;
        var chunk = Math.max(1, Math.min(chunkBytes, state.maxChunkBytes || chunkBytes));
        var offset = state.receivedBytes;
        if (!state.completed) progress(offset, size, state.id);
        while (!state.completed && offset < size) {
            var from = offset;
            var end = Math.min(from + chunk, size);
            var sent = await retrying(function () {
                return call("POST", url("UploadChunk", state.id), file.slice(from, end), {
                    "Content-Type": "application/octet-stream",
                    "Content-Range": "bytes " + from + "-" + (end - 1) + "/" + size,
                });
            });
            if (sent.ok) {
                offset = sent.body.receivedBytes;
            } else if (sent.status === 409 && sent.body && typeof sent.body.currentOffset === "number") {
                offset = sent.body.currentOffset; // another tab or a lost answer moved it on: continue from the server's offset
            } else {
                return fail(sent, key);
            }
            progress(offset, size, state.id);
        }

        var done = await retrying(function () { return call("POST", url("UploadComplete", state.id)); });
        if (!done.ok) return fail(done, key);
        localStorage.removeItem(key);
        say("上传完成：" + file.name + "（" + mb(size) + "，SHA-256 " + done.body.sha256 + "）。正在刷新页面…", "done");
        status.setAttribute("data-evidence", done.body.id);
        setTimeout(function () { window.location.reload(); }, 800);
    }

    button.addEventListener("click", async function () {
        var file = input.files && input.files[0];
        if (!file) {
            say("请先选择执法记录仪视频或录音文件。", "failed");
            return;
        }
        if (file.size === 0 || file.size > maxBytes) {
            say("文件大小应为 1 字节至 " + mb(maxBytes) + "。", "failed");
            return;
        }
        button.disabled = true;
        input.disabled = true;
        try {
            await upload(file);
        } finally {
            button.disabled = false;
            input.disabled = false;
        }
    });

    input.addEventListener("change", function () {
        var file = input.files && input.files[0];
        if (file && remembered(keyOf(file))) say("该文件有未完成的上传，点击上传将从断点继续。", "resumable");
    });

    // Uploads of this inspection left unfinished (a reload, a closed tab): listed with how far they got.
    async function listPending() {
        var keys = [];
        for (var i = 0; i < localStorage.length; i++) {
            var k = localStorage.key(i);
            if (k && k.indexOf(PREFIX + inspection + "|") === 0) keys.push(k);
        }
        for (var j = 0; j < keys.length; j++) {
            var saved = remembered(keys[j]);
            if (!saved || !saved.id) { localStorage.removeItem(keys[j]); continue; }
            var answer;
            try { answer = await call("GET", url("Upload", saved.id)); } catch (e) { continue; }
            if (!answer.ok || answer.body.completed) {
                if (answer.status === 404 || (answer.ok && answer.body.completed)) localStorage.removeItem(keys[j]);
                continue;
            }
            var item = document.createElement("li");
            item.setAttribute("data-upload", saved.id);
            item.textContent = "未完成的上传：" + saved.name + "，服务器已收到 " + mb(answer.body.receivedBytes) + " / " + mb(answer.body.sizeBytes) +
                "。请重新选择该文件并点击上传，将从断点继续。";
            pending.appendChild(item);
            pending.hidden = false;
        }
    }

    listPending();
})();
