// The wall screen: the whole state arrives as `event: state` on /api/events (Server-Sent Events)
// at connect and after every change; each figure is redrawn from it. No library, no network
// beyond this server. The token comes from the page's own address (?token=…&org=…).
"use strict";
(function () {
  const params = new URLSearchParams(location.search);
  const query = new URLSearchParams();
  for (const key of ["token", "org"]) if (params.get(key)) query.set(key, params.get(key));
  const $ = (id) => document.getElementById(id);
  const text = (id, value) => { $(id).textContent = value; };
  const el = (tag, props, children) => {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children || []) node.append(child);
    return node;
  };
  const percent = (share) => (share * 100).toFixed(1) + "%";
  const time = (iso) => iso.slice(11, 16);
  const kindNames = {
    "missed-training": "漏训", "secretary-without-fallback": "书记未兜底", "lesson-without-check-ins": "虚训·无签到",
    "over-capacity": "虚训·超容量", "check-in-burst": "虚训·集中签到", "duplicate-training": "重复培训",
    "unfiled-plan": "计划未备案", "plan-variance": "计划偏差",
  };

  function render(state) {
    text("org-name", state.organisationName || state.organisationCode);
    text("day", state.day);
    text("check-ins-today", state.checkInsToday);
    text("member-trainings", state.memberTrainings);
    text("planned-trainees", state.plannedTrainees);
    text("plan-share", state.plannedTrainees ? "完成 " + percent(state.memberTrainings / state.plannedTrainees) : "无计划");
    text("enrollments", state.enrollments);
    text("missed-training", state.missedTraining);
    renderLessons(state.lessons);
    renderMinutes(state.checkInsPerMinute);
    renderCoverage(state.coverage);
    renderInstructors(state.instructors);
    renderFlags(state.flags);
    document.body.dataset.version = state.version;
  }

  function renderLessons(lessons) {
    const body = $("lessons").tBodies[0];
    body.replaceChildren();
    for (const lesson of lessons) {
      const capacity = lesson.venues.reduce((sum, venue) => sum + venue.capacity, 0);
      body.append(el("tr", {}, [
        el("td", { textContent: time(lesson.start) + "–" + time(lesson.end) }), el("td", { textContent: lesson.className }),
        el("td", { textContent: lesson.courseName }), el("td", { textContent: lesson.venues.length > 1 ? lesson.venues.length + " 个会场" : (lesson.venues[0] || {}).name || "" }),
        el("td", { className: "num", textContent: lesson.checkedIn + " / " + capacity }),
      ]));
      if (lesson.venues.length > 1) {
        lesson.venues.forEach((venue, index) => body.append(el("tr", { className: "venue" }, [
          el("td"), el("td"), el("td"), el("td", { textContent: (index === 0 ? "主会场 " : "分会场 ") + venue.name }),
          el("td", { className: "num", textContent: venue.checkedIn + " / " + venue.capacity }),
        ])));
      }
    }
    $("lessons-empty").hidden = lessons.length > 0;
  }

  // The last 60 minutes up to now (or to the last minute with check-ins, if later), one bar a minute.
  function renderMinutes(minutes) {
    const svg = $("per-minute");
    const ns = "http://www.w3.org/2000/svg";
    svg.replaceChildren();
    const counts = new Map(minutes.map((m) => [Date.parse(m.minute), m.checkIns]));
    const last = Math.max(Math.floor(Date.now() / 60000) * 60000, ...counts.keys());
    const max = Math.max(1, ...counts.values());
    for (let i = 0; i < 60; i++) {
      const at = last - (59 - i) * 60000;
      const count = counts.get(at) || 0;
      const height = (count / max) * 115;
      const bar = document.createElementNS(ns, "rect");
      bar.setAttribute("x", i * 20 + 2); bar.setAttribute("width", 16);
      bar.setAttribute("y", 120 - height); bar.setAttribute("height", height);
      const title = document.createElementNS(ns, "title");
      title.textContent = new Date(at + 8 * 3600000).toISOString().slice(11, 16) + " " + count + " 人";
      bar.append(title);
      svg.append(bar);
      if (i % 10 === 0) {
        const label = document.createElementNS(ns, "text");
        label.setAttribute("x", i * 20); label.setAttribute("y", 136);
        label.textContent = new Date(at + 8 * 3600000).toISOString().slice(11, 16);
        svg.append(label);
      }
    }
    const top = document.createElementNS(ns, "text");
    top.setAttribute("x", 1130); top.setAttribute("y", 10); top.textContent = "峰值 " + max;
    svg.append(top);
  }

  function renderCoverage(rows) {
    $("coverage").replaceChildren(...rows.map((row) => el("div", { className: "bar depth-" + row.depth }, [
      el("span", { className: "name", textContent: row.name, title: row.code }),
      el("span", { className: "track" }, [el("span", { className: "fill", style: "display:block;width:" + percent(row.coverage) })]),
      el("span", { className: "num", textContent: percent(row.coverage) }),
    ])));
  }

  function renderInstructors(rows) {
    $("instructors").replaceChildren(...rows.map((row) => el("li", {
      textContent: row.name + "　优秀率 " + percent(row.excellenceRate) + "（" + row.scores + " 次评价，" + row.raters + " 人）",
    })));
    $("instructors-empty").hidden = rows.length > 0;
  }

  function renderFlags(flags) {
    $("flags").replaceChildren(...flags.map((flag) => el("li", {}, [
      el("span", { className: "kind " + flag.kind, textContent: kindNames[flag.kind] || flag.kind }),
      flag.subjectName + "（" + flag.subjectCode + "）" + flag.detail,
      el("span", { className: "when", textContent: flag.at.slice(5, 16).replace("T", " ") }),
    ])));
    $("flags-empty").hidden = flags.length > 0;
  }

  function connect() {
    const status = $("status");
    const source = new EventSource("/api/events?" + query.toString());
    source.addEventListener("state", (event) => {
      render(JSON.parse(event.data));
      status.textContent = "实时"; status.className = "status live";
    });
    source.onerror = () => {
      status.textContent = "连接中断，重连中…"; status.className = "status down";
      // A 401/403 closes the source for good: say so instead of retrying forever.
      if (source.readyState === EventSource.CLOSED) {
        fetch("/api/dashboard?" + query.toString()).then((r) => r.json()).then((body) => {
          status.textContent = "无权访问：" + (body.error || ""); setTimeout(connect, 5000);
        }, () => setTimeout(connect, 5000));
      }
    };
  }
  connect();
})();
