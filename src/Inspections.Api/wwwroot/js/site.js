// 文化市场综合执法 — the pages' own script: anti-forgery for htmx, charts from embedded data, copy buttons.
(function () {
    "use strict";

    function csrfToken() {
        var meta = document.querySelector('meta[name="csrf-token"]');
        return meta ? meta.getAttribute("content") : "";
    }

    // Every htmx request that changes something carries the anti-forgery token, as a form post does.
    document.addEventListener("htmx:config:request", function (e) {
        var request = e.detail && e.detail.ctx && e.detail.ctx.request;
        if (!request || /^(GET|HEAD)$/i.test(request.method || "GET")) return;
        request.headers["RequestVerificationToken"] = csrfToken();
    });

    // Charts: <div class="chart" data-chart="id-of-a-json-script"> whose script holds an ECharts option.
    var charts = [];

    function renderCharts(root) {
        if (typeof window.echarts === "undefined") return;
        charts = charts.filter(function (c) {
            if (c.getDom() && document.body.contains(c.getDom())) return true;
            c.dispose();
            return false;
        });
        (root || document).querySelectorAll("[data-chart]").forEach(function (el) {
            var source = document.getElementById(el.getAttribute("data-chart"));
            if (!source) return;
            var existing = window.echarts.getInstanceByDom(el);
            if (existing) existing.dispose();
            var chart = window.echarts.init(el, null, { renderer: "canvas" });
            chart.setOption(JSON.parse(source.textContent));
            charts.push(chart);
        });
    }

    var resizeTimer = null;
    window.addEventListener("resize", function () {
        clearTimeout(resizeTimer);
        resizeTimer = setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 150);
    });

    // Copy buttons: <button data-copy="id-of-element-whose-text-to-copy">, with a fallback where the clipboard API is missing.
    function fallbackCopy(text) {
        var area = document.createElement("textarea");
        area.value = text;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.top = "-1000px";
        document.body.appendChild(area);
        area.select();
        var ok = false;
        try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
        document.body.removeChild(area);
        return ok;
    }

    document.addEventListener("click", function (e) {
        var button = e.target.closest ? e.target.closest("[data-copy]") : null;
        if (!button) return;
        var source = document.getElementById(button.getAttribute("data-copy"));
        var state = document.getElementById(button.getAttribute("data-copy") + "-state");
        if (!source) return;
        var text = source.value !== undefined && source.tagName === "TEXTAREA" ? source.value : source.textContent;
        function done(ok) {
            if (state) state.textContent = ok ? "已复制" : "复制失败，请手动选择文字复制";
            button.setAttribute("data-copied", ok ? "true" : "false");
        }
        if (navigator.clipboard && window.isSecureContext) {
            navigator.clipboard.writeText(text).then(function () { done(true); }, function () { done(fallbackCopy(text)); });
        } else {
            done(fallbackCopy(text));
        }
    });

    document.addEventListener("DOMContentLoaded", function () { renderCharts(document); });
    document.addEventListener("htmx:after:swap", function () { renderCharts(document); });
})();

// A form with data-confirm asks before it is sent (deleting a notification channel).
document.addEventListener('submit', function (e) {
    var question = e.target.getAttribute && e.target.getAttribute('data-confirm');
    if (question && !window.confirm(question)) e.preventDefault();
});
