/** The HTML report's inline style: the page must work offline, so nothing is linked. */
export const HTML_REPORT_STYLE = `
:root { --pass: #1f883d; --fail: #cf222e; --error: #9a6700; --skip: #6e7781; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); margin: 0; background: #f6f8fa; }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 16px 24px; }
h1 { font-size: 20px; margin: 0 0 4px; } h1 .file { font-weight: 400; color: var(--muted); font-family: ui-monospace, monospace; font-size: 15px; }
.run, .meta { color: var(--muted); margin: 2px 0; }
.count { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; margin-right: 4px; }
main { padding: 16px 24px; display: grid; gap: 16px; }
.scenario { background: #fff; border: 1px solid var(--line); border-left: 5px solid var(--skip); border-radius: 6px; padding: 12px 16px 16px; }
.scenario.verdict-passed { border-left-color: var(--pass); } .scenario.verdict-failed { border-left-color: var(--fail); } .scenario.verdict-error { border-left-color: var(--error); }
h2 { font-size: 16px; margin: 0 0 2px; }
.badge { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; padding: 2px 6px; border-radius: 4px; color: #fff; vertical-align: 2px; }
.verdict-passed.badge, .verdict-passed.count { background: var(--pass); } .verdict-failed.badge, .verdict-failed.count { background: var(--fail); }
.verdict-error.badge, .verdict-error.count { background: var(--error); } .verdict-skipped.badge, .verdict-skipped.count { background: var(--skip); }
.problem { color: var(--error); font-weight: 600; }
.failures { margin: 8px 0; padding: 0; list-style: none; }
.failure { border: 1px solid #ffcecb; background: #ffebe9; border-radius: 4px; padding: 6px 10px; margin-bottom: 6px; }
.failure-message { font-family: ui-monospace, monospace; font-size: 12.5px; }
.versus { display: flex; gap: 16px; margin-top: 2px; font-size: 12.5px; } .expected { color: var(--pass); } .actual { color: var(--fail); }
.visit { margin-top: 14px; }
.visit-title { margin-bottom: 4px; } .state-name { font-weight: 600; } .visit-where { color: var(--muted); }
.outcome { margin-left: 8px; font-size: 12px; color: var(--muted); } .outcome-caught { color: var(--error); } .outcome-failed { color: var(--fail); }
.track { position: relative; height: 64px; border-bottom: 1px solid var(--line); margin-right: 90px; }
.attempt-bar { position: absolute; top: 6px; height: 18px; min-width: 8px; border-radius: 3px; }
.attempt-failed, .attempt-timedOut { background: var(--fail); } .attempt-succeeded { background: var(--pass); } .attempt-running { background: var(--skip); }
.attempt-label { position: absolute; top: -1px; left: calc(100% + 3px); white-space: nowrap; font-size: 11px; color: var(--ink); background: rgba(255,255,255,.85); }
.gap { position: absolute; top: 30px; height: 26px; border-top: 2px dashed var(--muted); text-align: center; font-size: 11.5px; }
.gap-actual { display: block; font-weight: 600; } .gap-expected { display: block; color: var(--muted); }
.gap-match .gap-actual { color: var(--pass); } .gap-mismatch { border-top-color: var(--fail); } .gap-mismatch .gap-actual { color: var(--fail); }
.axis { position: relative; height: 16px; margin-right: 90px; color: var(--muted); font-size: 11px; }
.axis-start { position: absolute; left: 0; } .axis-end { position: absolute; transform: translateX(-50%); white-space: nowrap; }
.catch-jump { margin-top: 4px; font-size: 12.5px; color: var(--error); } .catch-destination { font-weight: 600; }
.more { color: var(--muted); }
.children { margin-top: 14px; } .child-execution { border-left: 3px solid var(--line); padding: 2px 0 4px 10px; margin-top: 6px; }
.child-execution summary { cursor: pointer; color: var(--muted); } .child-execution[data-status="FAILED"] .child-status { color: var(--fail); }
body.only-problems .scenario.verdict-passed { display: none; }
`;

/** The HTML report's only script: hide passed scenarios on request. */
export const HTML_REPORT_SCRIPT = `
document.getElementById('only-problems').addEventListener('change', function (event) {
  document.body.classList.toggle('only-problems', event.target.checked);
});
`;
