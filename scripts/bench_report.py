"""Renders benchmark rows as a terminal table and as Docs/performance.md."""
import datetime
import math
import os
import platform
import subprocess

TARGETS = "Targets (issue: near the floor), wall clock best of the runs, CPU in brackets"


def _run(*command):
    try:
        return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def environment(strata, ansible_inventory):
    """Facts about this machine and the tools, for the report's header."""
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "unknown")
    memory = next((int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal")), 0)
    os_name = next((line.split("=", 1)[1].strip().strip('"') for line in open("/etc/os-release")
                    if line.startswith("PRETTY_NAME")), platform.system())
    commit = _run("git", "rev-parse", "--short", "HEAD")
    dirty = _run("git", "status", "--porcelain", "--untracked-files=no")
    return [
        ("date", datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")),
        ("commit", commit + (" plus uncommitted changes" if dirty not in ("", "unknown") else "")),
        ("CPU", f"{cpu}, {os.cpu_count()} cores"),
        ("memory", f"{memory / 2**20:.1f} GiB"),
        ("system", f"{os_name}, Linux {platform.release()}"),
        ("load average at the end", " ".join(f"{x:.2f}" for x in os.getloadavg())),
        ("Swift", _run("swift", "--version").splitlines()[0] if _run("swift", "--version") != "unknown" else "unknown"),
        ("libyaml", _run("pkg-config", "--modversion", "yaml-0.1")),
        ("Strata", f"`{strata}` (release build)"),
        ("Ansible", (_run(ansible_inventory, "--version").splitlines() or ["unknown"])[0]
         + f", Python {platform.python_version()}"),
    ]


def _seconds(x):
    """Two decimals, three under a second (times are measured to the microsecond)."""
    return f"{x:.3f}" if x < 1 else f"{x:.2f}"


def _t(measure):
    return f"{_seconds(measure['wall'])} s ({_seconds(measure['cpu'])})"


def _ratio(a, b):
    return a / b if b > 0 else float("inf")


NONE = {"wall": float("nan"), "cpu": float("nan"), "mem": float("nan")}


def _cells(row):
    s, v, w, a = row["scan"], row["validate"], row["show"], row.get("ansible", NONE)
    return [
        row["label"], f"{row['machines']:,}", f"{row['yaml_mb']:.1f}",
        _t(s), _t(v), _t(w), _t(a),
        f"{_ratio(a['cpu'], v['cpu']):.0f}× ({_ratio(a['wall'], v['wall']):.0f}×)",
        f"{_ratio(a['cpu'], w['cpu']):.1f}× ({_ratio(a['wall'], w['wall']):.1f}×)",
        f"{_ratio(v['cpu'], s['cpu']):.2f}×",
        f"{s['mem']:.0f} / {v['mem']:.0f} / {w['mem']:.0f} / {a['mem']:.0f}",
        f"{_ratio(a['mem'], v['mem']):.1f}× / {_ratio(a['mem'], w['mem']):.1f}×",
    ]


HEADERS = ["size", "machines", "YAML MiB", "libyaml scan", "strata validate", "strata show --all", "ansible-inventory --list",
           "ansible ÷ validate", "ansible ÷ show", "validate ÷ scan", "peak MiB scan / validate / show / ansible",
           "ansible mem ÷ validate / show"]


def terminal(rows):
    """A plain table for the terminal."""
    table = [HEADERS] + [_cells(row) for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADERS))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(line, widths)) for line in table)


def _slope(points):
    """Least-squares exponent k of time ∝ size^k (1 is linear, 2 quadratic)."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    denominator = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / denominator if denominator else float("nan")


def scaling(rows):
    """Lines saying how validate and show grow with machines and with table rows."""
    lines = []
    by_machines = sorted((r for r in rows if r["series"] == "machines"), key=lambda r: r["machines"])
    by_rows = sorted([r for r in rows if r["series"] == "tables"] + [r for r in by_machines if r["machines"] == 20],
                     key=lambda r: r["shape"]["routes"])
    for name, series, size in (("machines", by_machines, lambda r: r["machines"]),
                               ("table rows (routes; HAT = routes/4, unsubscribe = routes/2)", by_rows,
                                lambda r: r["shape"]["routes"])):
        if len(series) < 2:
            continue
        for tool in ("validate", "show", "ansible", "scan"):
            if any(tool not in r for r in series):
                continue
            points = [(size(r), max(r[tool]["cpu"], 1e-3)) for r in series]
            steps = " → ".join(f"{x:,}: {_seconds(y)} s" for x, y in points)
            lines.append(f"- {tool} CPU time against {name}: {steps}; exponent {_slope(points):.2f}")
    return lines


def _check(name, value, ok, fmt, cpu=None):
    if value != value:  # NaN: not measured in this run
        return f"| {name} | not measured | — |"
    shown = fmt.format(value) + (f" ({fmt.format(cpu)} CPU)" if cpu is not None else "")
    return f"| {name} | {shown} | {'met' if ok(value) else '**not met**'} |"


def targets(rows):
    """Every target of the issue, each row where it applies."""
    lines = []
    for row in rows:
        s, v, w, a = row["scan"], row["validate"], row["show"], row.get("ansible", NONE)
        label = row["label"]
        if "reference" in label:
            lines.append(_check(f"show --all ≥ 50× faster than ansible-inventory --list (CPU), {label}",
                                _ratio(a["cpu"], w["cpu"]), lambda x: x >= 50, "{:.1f}×"))
        lines.append(_check(f"show --all ≤ 2× validate, {label}", _ratio(w["wall"], v["wall"]), lambda x: x <= 2, "{:.2f}×",
                            _ratio(w["cpu"], v["cpu"])))
        lines.append(_check(f"show --all peak memory ≤ 1.2× validate's, {label}", _ratio(w["mem"], v["mem"]),
                            lambda x: x <= 1.2, "{:.2f}×"))
        limit = 3 if row["series"] == "tables" else 2
        if row["machines"] >= 200 or row["series"] == "tables":
            lines.append(_check(f"validate ≤ {limit}× the single-threaded libyaml scan, {label}", _ratio(v["wall"], s["wall"]),
                                lambda x, limit=limit: x <= limit, "{:.2f}×", _ratio(v["cpu"], s["cpu"])))
        git = row.get("git")
        if git:
            base = git["validate"]
            for key, what in (("diff", f"diff of two commits, {git['changed']} clusters changed"),
                              ("validate_rev", "validate --rev")):
                lines.append(_check(f"{what} ≤ 1.3× working-tree validate, {label}", _ratio(git[key]["wall"], base["wall"]),
                                    lambda x: x <= 1.3, "{:.2f}×", _ratio(git[key]["cpu"], base["cpu"])))
    for line in scaling(rows) + plan_scaling(rows):
        if "validate" in line or "show" in line or "plan" in line or "apply" in line:
            exponent = float(line.rsplit(" ", 1)[-1])
            lines.append(_check(line[2:].split(":", 1)[0] + ": exponent ≤ 1.05", exponent, lambda x: x <= 1.05, "{:.2f}"))
    return lines


def plan_scaling(rows):
    """plan and apply --yes CPU time against machines, where both were measured at two sizes or more."""
    measured = [row for row in rows if row.get("git")]
    if len(measured) < 2:
        return []
    lines = []
    for tool, name in (("plan", "plan"), ("apply", "apply --yes")):
        points = [(row["machines"], max(row["git"][tool]["cpu"], 1e-3)) for row in measured]
        steps = " → ".join(f"{x:,}: {_seconds(y)} s" for x, y in points)
        lines.append(f"- {name} CPU time against machines: {steps}; exponent {_slope(points):.2f}")
    return lines


def revisions(rows):
    """validate --rev, diff, plan and apply --yes (embedded default) where they were measured."""
    out = []
    for row in rows:
        git = row.get("git")
        if not git:
            continue
        out.append(f"- {row['label']}: validate {_t(git['validate'])}, {git['validate']['mem']:.0f} MiB; "
                   f"validate --rev {_t(git['validate_rev'])}, {git['validate_rev']['mem']:.0f} MiB; "
                   f"diff ({git['changed']} clusters changed) {_t(git['diff'])}, {git['diff']['mem']:.0f} MiB; "
                   f"plan {_t(git['plan'])}, {git['plan']['mem']:.0f} MiB; "
                   f"apply --yes {_t(git['apply'])}, {git['apply']['mem']:.0f} MiB")
    return out


def markdown(rows, environment):
    """Docs/performance.md."""
    out = ["# Performance", "",
           "Written by `make bench` (`scripts/bench`); do not edit by hand. Methodology and what the numbers mean are at the end.",
           "", "## Machine", "", "| | |", "|---|---|"]
    out += [f"| {key} | {value} |" for key, value in environment]
    out += ["", "## Results", "",
            "Times are wall-clock seconds with CPU seconds (user + system) in brackets, the best of the runs. "
            "Ratios use CPU time, wall-clock ratios in brackets. Memory is peak resident set size (MiB).", "",
            "| " + " | ".join(HEADERS) + " |", "|" + "---|" * len(HEADERS)]
    out += ["| " + " | ".join(_cells(row)) + " |" for row in rows]
    out += ["", "Every size was checked: for every machine, each feature Strata resolves from a mode equals the "
            "variable of that name in Ansible's `hostvars`, and Ansible sets no other variable.", "",
            "Shapes:", ""]
    out += [f"- {row['label']}: {row['generated']}" for row in rows]
    out += ["", "## Scaling", ""] + scaling(rows)
    out += ["", "## Revisions, plan and apply", "",
            "Measured on a git copy of the fleet: two commits, a few clusters' routes changed in the second; "
            "plan and apply --yes use the embedded default (no agents: state under .strata/state).", ""]
    out += revisions(rows)
    out += [""] + plan_scaling(rows) if plan_scaling(rows) else []
    out += ["", "## " + TARGETS, "", "| target | measured | |", "|---|---|---|"] + targets(rows)
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "bench_method.md")) as handle:
        out += ["", handle.read().rstrip()]
    return "\n".join(out) + "\n"
