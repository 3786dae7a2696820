#!/usr/bin/env python3
"""Strata against ansible-inventory on generated fleets: times, peak memory, equivalence.

Run through scripts/bench (make bench), which builds the release binaries and installs ansible-core.
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench_compare  # noqa: E402
import bench_report  # noqa: E402

REFERENCE = dict(clusters=10, groups=4, machines=20, routes=2000, hat=500, unsubscribe=1000, users=25)


def sizes(quick):
    """(series, label, shape) for every size; the reference shape appears once, in both series."""
    def shape(**changes):
        return {**REFERENCE, **changes}
    machines = [("machines", "20 machines", shape(clusters=1)), ("machines", "200 machines (reference)", shape())]
    tables = [("tables", f"{rows:,} routes", shape(clusters=1, routes=rows, hat=rows // 4, unsubscribe=rows // 2))
              for rows in (10_000, 50_000)]
    if quick:
        return machines + tables[:1]
    return machines + [("machines", "2,000 machines", shape(clusters=100))] + tables


def measure(command, stdout_path, env=None, cwd=None, ok=(0,)):
    """Runs command once under GNU time; returns wall seconds (monotonic clock, to the microsecond), CPU seconds
    (user + system, of GNU time and the command it waited for, from wait4, to the microsecond) and peak RSS in MiB
    (GNU time's %M: the command's own, measured from a small parent; wait4's figure for a child of this Python
    process would count this process's memory too, which exec carries into the child's peak)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as timing, open(stdout_path, "w") as out, \
            tempfile.TemporaryFile("w+") as errors:
        start = time.perf_counter()
        process = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", timing.name, *command],
                                   stdout=out, stderr=errors, env=env, cwd=cwd)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode not in ok:
            errors.seek(0)
            sys.exit(f"bench: {' '.join(command)} failed ({process.returncode}):\n{errors.read()[-3000:]}")
        rss = timing.read().split()[-1]
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "mem": int(rss) / 1024}


# A command faster than this in all after `repeat` runs runs again (at most MAX_ROUNDS times): the best of five
# runs of a 0.2 s command is mostly the machine's noise.
MIN_SECONDS = 3.0
MAX_ROUNDS = 25


def best(commands, repeat, ok=(0,)):
    """{name: fastest of `repeat` runs, or more for fast commands}, the commands taking turns so that other work on
    the machine weighs on all of them alike; memory is the largest seen. commands: [(name, command, stdout_path)]."""
    runs = {name: [] for name, _, _ in commands}
    rounds = 0
    while rounds < repeat or (rounds < MAX_ROUNDS and min(sum(r["wall"] for r in rs) for rs in runs.values()) < MIN_SECONDS):
        rounds += 1
        for name, command, stdout_path in commands:
            runs[name].append(measure(command, stdout_path, ok=ok))
    return {name: fastest(rs) for name, rs in runs.items()}


def fastest(runs):
    """The fastest wall and CPU time of `runs` (measure's results), and the largest memory seen."""
    return {"wall": min(r["wall"] for r in runs), "cpu": min(r["cpu"] for r in runs), "mem": max(r["mem"] for r in runs)}


def git(repo, *arguments):
    subprocess.run(["git", "-C", repo, *arguments], check=True, capture_output=True)


def change_clusters(repo, count):
    """Changes one route of `count` clusters' first group with routes (a few clusters changed)."""
    clusters = sorted(os.listdir(os.path.join(repo, "clusters")))[:count]
    for cluster in clusters:
        path = os.path.join(repo, "clusters", cluster, "groups", "g2.yaml")
        with open(path) as handle:
            text = handle.read()
        with open(path, "w") as handle:
            handle.write(text.replace(":25\"", ":26\"", 1))
    return clusters


def revisions(args, repo, repeat):
    """validate (working tree), validate --rev, diff of two commits a few clusters apart, side by side;
    then plan and apply --yes on the embedded default (no agents: state under .strata/state)."""
    scratch = repo + "-git"
    subprocess.run(["rm", "-rf", scratch], check=True)
    subprocess.run(["cp", "-r", repo, scratch], check=True)
    git(scratch, "init", "-q")
    git(scratch, "-c", "user.name=bench", "-c", "user.email=bench@example.net", "add", "-A")
    git(scratch, "-c", "user.name=bench", "-c", "user.email=bench@example.net", "commit", "-q", "-m", "fleet")
    changed = change_clusters(scratch, 3)
    git(scratch, "-c", "user.name=bench", "-c", "user.email=bench@example.net", "commit", "-q", "-am", "routes")
    strata = args.strata
    result = best([("validate", [strata, "validate", "--repo", scratch], os.devnull),
                   ("validate_rev", [strata, "validate", "--rev", "HEAD~1", "--repo", scratch], os.devnull),
                   ("diff", [strata, "diff", "HEAD~1", "HEAD", "--repo", scratch], os.devnull,)], repeat, ok=(0, 1, 2))
    # plan and apply --yes from no state each time (apply writes .strata/state); three rounds unless one takes long.
    plans, applies = [], []
    while not applies or (len(applies) < 3 and sum(run["wall"] for run in applies) < 20):
        subprocess.run(["rm", "-rf", os.path.join(scratch, ".strata")], check=True)
        plans.append(measure([strata, "plan", "--repo", scratch], os.devnull, ok=(0, 1, 2)))
        applies.append(measure([strata, "apply", "--yes", "--repo", scratch], os.devnull, ok=(0, 1, 2)))
    result["plan"], result["apply"] = fastest(plans), fastest(applies)
    result["changed"] = len(changed)
    subprocess.run(["rm", "-rf", scratch], check=True)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--strata", required=True)
    parser.add_argument("--bench", required=True, help="the strata-bench executable")
    parser.add_argument("--ansible-inventory", required=True)
    parser.add_argument("--work", default=".bench/out")
    parser.add_argument("--doc", default="Docs/performance.md")
    parser.add_argument("--repeat", type=int, default=5, help="runs of the scan and of validate, taking turns")
    parser.add_argument("--show-repeat", type=int, default=2, help="runs of show --all")
    parser.add_argument("--ansible-repeat", type=int, default=1)
    parser.add_argument("--no-ansible", action="store_true", help="skip ansible-inventory and the equivalence check")
    parser.add_argument("--quick", action="store_true", help="small sizes only (no 2,000 machines, no 50,000 routes)")
    args = parser.parse_args()
    args.strata, args.bench, args.ansible_inventory = (
        os.path.abspath(path) for path in (args.strata, args.bench, args.ansible_inventory))

    env = dict(os.environ, ANSIBLE_HOME=os.path.abspath(os.path.join(args.work, "ansible-home")),
               ANSIBLE_INVENTORY_ENABLED="yaml", ANSIBLE_NOCOLOR="1", ANSIBLE_LOCALHOST_WARNING="False")
    rows = []
    for series, label, shape in sizes(args.quick):
        root = os.path.join(args.work, label.split()[0].replace(",", "") + "-" + series)
        flags = [f"--{key}={value}" for key, value in shape.items()]
        generated = subprocess.run([args.bench, "generate", "--out", root, *flags], check=True,
                                   capture_output=True, text=True).stdout.strip()
        print(f"\n== {label}: {generated}", flush=True)
        repo, inventory = os.path.join(root, "strata"), os.path.join(root, "ansible")
        show_json, ansible_json = os.path.join(root, "show.json"), os.path.join(root, "ansible.json")
        row = {"series": series, "label": label, "shape": shape, "generated": generated,
               "machines": shape["clusters"] * shape["machines"],
               "yaml_mb": sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(repo) for f in fs) / 2**20}
        row.update(best([("scan", [args.bench, "scan", repo], os.devnull),
                         ("validate", [args.strata, "validate", "--repo", repo], os.devnull)], args.repeat))
        row.update(best([("show", [args.strata, "show", "--all", "--format", "json", "--repo", repo], show_json)],
                        args.show_repeat))
        print(f"   scan {row['scan']}  validate {row['validate']}  show {row['show']}", flush=True)
        if series == "machines" and row["machines"] >= 200:
            row["git"] = revisions(args, repo, args.repeat)
            print(f"   git {row['git']}", flush=True)
        if args.no_ansible:
            os.remove(show_json)
            rows.append(row)
            continue
        runs = [measure([args.ansible_inventory, "-i", "hosts.yml", "--list"], os.path.abspath(ansible_json), env=env,
                        cwd=inventory) for _ in range(args.ansible_repeat)]
        row["ansible"] = {"wall": min(r["wall"] for r in runs), "cpu": min(r["cpu"] for r in runs),
                          "mem": max(r["mem"] for r in runs)}
        print(f"   ansible-inventory {row['ansible']}", flush=True)
        compared, problems = bench_compare.compare(show_json, ansible_json)
        if problems or compared != row["machines"]:
            print(f"bench: Strata and Ansible disagree on {label} ({compared} machines compared):", file=sys.stderr)
            for problem in problems[:40]:
                print("  " + problem, file=sys.stderr)
            sys.exit(1)
        row["equivalent"] = compared
        print(f"   equivalent: {compared} machines, every feature", flush=True)
        for path in (show_json, ansible_json):
            os.remove(path)
        rows.append(row)

    environment = bench_report.environment(args.strata, args.ansible_inventory)
    environment.append(("sizes", "quick run: no 2,000 machines, no 50,000 rows" if args.quick else "every size"))
    if args.no_ansible:
        environment.append(("Ansible", "not run (--no-ansible)"))
    markdown = bench_report.markdown(rows, environment=environment)
    print("\n" + bench_report.terminal(rows))
    if args.doc:
        with open(args.doc, "w") as handle:
            handle.write(markdown)
        print(f"\nwritten to {args.doc}")


if __name__ == "__main__":
    main()
