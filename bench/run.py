"""Run every benchmark of issue 6 at each corpus size and write the table (JSON and markdown).

For each size (corpora from bench/make_corpora.py, made if missing), as whole
processes under GNU ``/usr/bin/time`` (wall seconds and peak RSS), repeated
``--repeat`` times, medians reported:

* ``careerlens ingest`` of the Glassdoor-layout CSV into a fresh store, beside
  DuckDB's bare ``CREATE TABLE t AS SELECT * FROM read_csv(file)`` in its own
  process; the same for the Parquet file (generic format, sidecar mapping)
  beside ``read_parquet``;
* ``careerlens train`` once per run (on the first size's store; the model is
  copied into the other sizes' stores, since training samples at most 20,000
  postings whatever the corpus), then ``careerlens classify`` beside a DuckDB
  ``regexp_matches`` scan for the 15 topic names over the same postings;
* ``careerlens report``.

The careerlens processes get ``CAREERLENS_MEMORY_LIMIT`` and
``CAREERLENS_TEMP_DIR`` (DuckDB spills past the limit); the baselines get the
same settings. Every step is checked, not only timed: every row loaded and
reconciled, every posting labelled, the report pages written.

Run::

    .venv/bin/python bench/run.py --sizes 100k,300k,1M --repeat 3
    .venv/bin/python bench/run.py --sizes 10k --repeat 1 --out /tmp/b --no-readme

Writes ``<out>/results.json`` and ``<out>/results.md`` and, unless
``--no-readme``, replaces the results section of bench/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from make_corpora import DEFAULT_SHARED, make_corpora, parse_size, size_label  # noqa: E402

GNU_TIME = "/usr/bin/time"
README_START = "<!-- results:start -->"
README_END = "<!-- results:end -->"
GIB = 1024 ** 3
TARGETS = {
    "ingest_ratio": 0.5,          # careerlens ingest throughput / bare read throughput
    "classify_ratio": 0.7,        # careerlens classify postings/s / regexp scan postings/s
    "report_seconds_1M": 60.0,
    "peak_rss_bytes": 4 * GIB,
    "growth_1M_over_100k": 12.0,
}
CAREERLENS_STEPS = ("ingest_csv", "ingest_parquet", "train", "classify", "report")


class StepFailed(RuntimeError):
    pass


def careerlens_command() -> str:
    beside = Path(sys.executable).with_name("careerlens")
    return str(beside) if beside.exists() else (shutil.which("careerlens") or "careerlens")


def timed(argv, *, env=None, cwd=None, label=""):
    """Run ``argv`` under GNU time; returns (wall seconds, peak RSS bytes, stdout)."""
    if not Path(GNU_TIME).exists():
        sys.exit("GNU time is missing: apt-get install time")
    stats = Path(os.environ.get("TMPDIR", "/tmp")) / f"careerlens-bench-{os.getpid()}.time"
    started = time.perf_counter()
    done = subprocess.run([GNU_TIME, "-o", str(stats), "-f", "%e %M", *argv], env=env, cwd=cwd,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise StepFailed(f"{label} failed (exit {done.returncode}): {shlex.join(argv)}\n"
                         f"{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    _, max_rss_kb = stats.read_text().split()[-2:]
    stats.unlink()
    return wall, int(max_rss_kb) * 1024, done.stdout


def summarise(runs) -> dict:
    """Median wall time and the highest peak RSS over the repeated runs of one step."""
    return {"runs": runs, "median_seconds": statistics.median(r["seconds"] for r in runs),
            "peak_rss_bytes": max(r["peak_rss_bytes"] for r in runs)}


def one_value(db_path: Path, sql: str):
    import duckdb

    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute(sql).fetchall()[0]


class Bench:
    """One benchmark run: settings, where things go, and the measured steps."""

    def __init__(self, args):
        self.args = args
        self.work = args.out / "work"
        self.spill = args.out / "spill"
        self.careerlens = careerlens_command()
        self.env = {**os.environ, "CAREERLENS_MEMORY_LIMIT": args.memory_limit,
                    "CAREERLENS_TEMP_DIR": str(self.spill)}
        self.env.pop("CAREERLENS_DB", None)
        self.bounds = ["--memory-limit", args.memory_limit, "--temp-directory", str(self.spill)]
        self.model_store: Path | None = args.model_from

    def echo(self, text):
        print(f"[{dt.datetime.now():%H:%M:%S}] {text}", flush=True)

    def run_careerlens(self, *arguments, label):
        wall, rss, out = timed([self.careerlens, *arguments], env=self.env, label=label)
        return {"seconds": wall, "peak_rss_bytes": rss}, out

    def run_baseline(self, *arguments, label):
        wall, rss, out = timed([sys.executable, str(BENCH / "baselines.py"), *arguments, *self.bounds],
                               env=self.env, label=label)
        inner = json.loads(out.strip().splitlines()[-1])
        return {"seconds": wall, "peak_rss_bytes": rss, "inner_seconds": inner["seconds"]}, inner["rows"]

    def fresh(self, name) -> Path:
        path = self.work / name
        for leftover in (path, path.with_name(path.name + ".wal")):
            leftover.unlink(missing_ok=True)
        return path

    # -- the steps ------------------------------------------------------------------
    def ingest(self, data_file: Path, n: int, store: Path) -> tuple[dict, dict]:
        run, _ = self.run_careerlens("ingest", "--db", str(store), str(data_file), label=f"ingest {data_file.name}")
        read, loaded, rejected, duplicate = one_value(
            store, "SELECT sum(rows_read), sum(rows_loaded), sum(rows_rejected), sum(rows_duplicate) FROM sources")
        stored = one_value(store, "SELECT count(*) FROM stored_postings")[0]
        check = {"rows_read": int(read), "rows_loaded": int(loaded), "rows_rejected": int(rejected),
                 "rows_duplicate": int(duplicate), "stored_postings": int(stored)}
        check["ok"] = (read == n and loaded + rejected + duplicate == read and stored == loaded == n)
        if not check["ok"]:
            raise StepFailed(f"ingest of {data_file} did not load every row: {check}")
        return run, check

    def measure_ingest(self, label, kind, data_file: Path, n: int) -> tuple[dict, Path]:
        ours, bare, checks = [], [], []
        keep = self.work / f"store_{label}.duckdb"
        for repeat in range(self.args.repeat):
            store = self.fresh(f"ingest_{label}_{kind}.duckdb")
            self.echo(f"{label}: ingest {kind} ({repeat + 1}/{self.args.repeat})")
            run, check = self.ingest(data_file, n, store)
            ours.append(run)
            checks.append(check)
            if kind == "csv" and repeat == self.args.repeat - 1:
                self.fresh(keep.name)
                store.rename(keep)
            else:
                store.unlink()
            target = self.fresh(f"bare_{label}_{kind}.duckdb")
            self.echo(f"{label}: bare read_{kind} ({repeat + 1}/{self.args.repeat})")
            run, rows = self.run_baseline(f"read_{kind}", str(data_file), str(target), label=f"read_{kind}")
            if rows != n:
                raise StepFailed(f"bare read_{kind} of {data_file} read {rows} rows, not {n}")
            bare.append(run)
            target.unlink()
        size = data_file.stat().st_size
        result = {"file": data_file.name, "file_bytes": size, "careerlens": summarise(ours),
                  "bare": summarise(bare), "checks": checks[-1]}
        for side in ("careerlens", "bare"):
            seconds = result[side]["median_seconds"]
            result[side].update(rows_per_second=n / seconds, mb_per_second=size / 1e6 / seconds)
        result["ratio"] = result["bare"]["median_seconds"] / result["careerlens"]["median_seconds"]
        return result, keep

    def give_model(self, label, store: Path) -> dict | None:
        """Train once (on the first store measured), or copy the model trained before into ``store``."""
        if self.model_store is None:
            self.echo(f"{label}: train (once per run)")
            run, _ = self.run_careerlens("train", "--db", str(store), label="train")
            self.model_store = self.work / "model_store.duckdb"
            self.fresh(self.model_store.name)
            shutil.copy(store, self.model_store)
            return {"runs": [run], "median_seconds": run["seconds"], "peak_rss_bytes": run["peak_rss_bytes"],
                    "trained_on": label}
        import duckdb

        with duckdb.connect(str(store)) as con:
            con.execute("ATTACH ? AS trained (READ_ONLY)", [str(self.model_store)]).fetchall()
            con.execute("INSERT INTO classifier_models SELECT * FROM trained.classifier_models").fetchall()
        return None

    def measure_classify(self, label, store: Path, n: int) -> dict:
        ours, bare = [], []
        for repeat in range(self.args.repeat):
            self.echo(f"{label}: classify ({repeat + 1}/{self.args.repeat})")
            run, _ = self.run_careerlens("classify", "--db", str(store), label="classify")
            ours.append(run)
            self.echo(f"{label}: regexp scan ({repeat + 1}/{self.args.repeat})")
            run, rows = self.run_baseline("regexp", str(store), label="regexp scan")
            if rows != n:
                raise StepFailed(f"regexp scan covered {rows} postings, not {n}")
            bare.append(run)
        labelled, postings, topics = one_value(
            store, "SELECT count(DISTINCT t.posting_id), (SELECT count(*) FROM stored_postings), "
                   "count(DISTINCT topic_id) FROM posting_topics t")
        check = {"postings": int(postings), "postings_labelled": int(labelled), "topics": int(topics)}
        check["ok"] = labelled == postings == n and topics > 0
        if not check["ok"]:
            raise StepFailed(f"classify did not label every posting: {check}")
        result = {"careerlens": summarise(ours), "regexp_scan": summarise(bare), "checks": check}
        for side in ("careerlens", "regexp_scan"):
            result[side]["postings_per_second"] = n / result[side]["median_seconds"]
        result["ratio"] = result["regexp_scan"]["median_seconds"] / result["careerlens"]["median_seconds"]
        return result

    def measure_report(self, label, store: Path) -> dict:
        try:
            return self._measure_report(label, store)
        except StepFailed as failure:
            # A report that cannot run (out of memory under the limit) is a result, not the end of the run.
            error = next((line for line in str(failure).splitlines() if line.startswith("Error:")), str(failure))
            self.echo(f"{label}: report failed: {error}")
            return {"failed": error, "runs": [], "median_seconds": None, "peak_rss_bytes": None,
                    "checks": {"ok": False}}

    def _measure_report(self, label, store: Path) -> dict:
        runs = []
        for repeat in range(self.args.repeat):
            pages = self.work / f"report_{label}"
            shutil.rmtree(pages, ignore_errors=True)
            self.echo(f"{label}: report ({repeat + 1}/{self.args.repeat})")
            run, _ = self.run_careerlens("report", "--db", str(store), "--out", str(pages), label="report")
            runs.append(run)
        written = sorted(p.name for p in pages.glob("*.html"))
        check = {"pages": written, "ok": "index.html" in written and len(written) > 1}
        if not check["ok"]:
            raise StepFailed(f"report wrote no pages in {pages}: {written}")
        return {**summarise(runs), "checks": check}

    def measure_size(self, n: int, corpus: dict) -> dict:
        label = size_label(n)
        paths = corpus["paths"]
        result = {"postings": n, "corpus": {**corpus["summary"], "csv": paths["csv"].name,
                                           "parquet": paths["parquet"].name}}
        result["ingest_csv"], store = self.measure_ingest(label, "csv", paths["csv"], n)
        result["ingest_parquet"], _ = self.measure_ingest(label, "parquet", paths["parquet"], n)
        result["train"] = self.give_model(label, store)
        result["classify"] = self.measure_classify(label, store, n)
        result["report"] = self.measure_report(label, store)
        result["store_bytes"] = store.stat().st_size
        if not self.args.keep_stores:
            store.unlink()
        return result


# -- the machine, the table and the targets ---------------------------------------------
def machine() -> dict:
    def proc_field(path, name):
        for line in Path(path).read_text().splitlines():
            if line.startswith(name):
                return line.split(":", 1)[1].strip()
        return None

    import duckdb

    mem_kb = int(proc_field("/proc/meminfo", "MemTotal").split()[0])
    git = subprocess.run(["git", "-C", str(BENCH.parent), "rev-parse", "--short", "HEAD"],
                         capture_output=True, text=True).stdout.strip()
    dirty = subprocess.run(["git", "-C", str(BENCH.parent), "status", "--porcelain", "src", "queries"],
                           capture_output=True, text=True).stdout.strip()
    from importlib.metadata import version

    return {"cpu_model": proc_field("/proc/cpuinfo", "model name"), "cores": os.cpu_count(),
            "memory_gib": round(mem_kb / 1024 ** 2, 1), "load_average_at_start": os.getloadavg(),
            "python": platform.python_version(), "duckdb": duckdb.__version__,
            "careerlens": version("careerlens"), "git_commit": git,
            "uncommitted_library_changes": len(dirty.splitlines()) if dirty else 0}


def growth(results: dict, step_seconds) -> list[dict]:
    """Time at each size over time at the smallest size, beside the size ratio (the linearity check)."""
    ordered = sorted(results.values(), key=lambda r: r["postings"])
    if len(ordered) < 2:
        return []
    base = ordered[0]
    rows = []
    for larger in ordered[1:]:
        size_ratio = larger["postings"] / base["postings"]
        row = {"from": size_label(base["postings"]), "to": size_label(larger["postings"]),
               "size_ratio": size_ratio}
        for step, seconds in step_seconds.items():
            row[step] = ratio_or_none(seconds(larger), seconds(base))
        rows.append(row)
    return rows


STEP_SECONDS = {
    "ingest_csv": lambda r: r["ingest_csv"]["careerlens"]["median_seconds"],
    "ingest_parquet": lambda r: r["ingest_parquet"]["careerlens"]["median_seconds"],
    "classify": lambda r: r["classify"]["careerlens"]["median_seconds"],
    "report": lambda r: r["report"]["median_seconds"],
}


def ratio_or_none(larger, smaller):
    return None if larger is None or smaller is None else larger / smaller


def peak_rss(result: dict) -> dict:
    """Peak RSS of every step at one size (careerlens steps and baselines)."""
    peaks = {"ingest_csv": result["ingest_csv"]["careerlens"]["peak_rss_bytes"],
             "read_csv": result["ingest_csv"]["bare"]["peak_rss_bytes"],
             "ingest_parquet": result["ingest_parquet"]["careerlens"]["peak_rss_bytes"],
             "read_parquet": result["ingest_parquet"]["bare"]["peak_rss_bytes"],
             "classify": result["classify"]["careerlens"]["peak_rss_bytes"],
             "regexp_scan": result["classify"]["regexp_scan"]["peak_rss_bytes"],
             "report": result["report"]["peak_rss_bytes"]}
    if result.get("train"):
        peaks["train"] = result["train"]["peak_rss_bytes"]
    return peaks


def judge(results: dict, growths: list[dict]) -> list[dict]:
    """Each target of issue 6 with the measured value and pass / miss (or not measured)."""
    def verdict(name, target, value, ok, note=""):
        return {"target": name, "bar": target, "measured": value,
                "status": "not measured" if ok is None else ("pass" if ok else "miss"), "note": note}

    sizes = sorted(results.values(), key=lambda r: r["postings"])
    worst_csv = min(sizes, key=lambda r: r["ingest_csv"]["ratio"])
    worst_parquet = min(sizes, key=lambda r: r["ingest_parquet"]["ratio"])
    worst_classify = min(sizes, key=lambda r: r["classify"]["ratio"])
    at_1m = results.get(1_000_000)
    rss = [(size_label(r["postings"]), step, peak) for r in sizes for step, peak in peak_rss(r).items()
           if step in CAREERLENS_STEPS and peak is not None]
    label, step, peak = max(rss, key=lambda item: item[2])
    out = [
        verdict("ingest CSV >= 0.5x bare read_csv", "0.5x", f"{worst_csv['ingest_csv']['ratio']:.2f}x "
                f"(worst, at {size_label(worst_csv['postings'])})",
                worst_csv["ingest_csv"]["ratio"] >= TARGETS["ingest_ratio"]),
        verdict("ingest Parquet >= 0.5x bare read_parquet", "0.5x",
                f"{worst_parquet['ingest_parquet']['ratio']:.2f}x (worst, at {size_label(worst_parquet['postings'])})",
                worst_parquet["ingest_parquet"]["ratio"] >= TARGETS["ingest_ratio"]),
        verdict("classify >= 0.7x regexp scan", "0.7x", f"{worst_classify['classify']['ratio']:.2f}x "
                f"(worst, at {size_label(worst_classify['postings'])})",
                worst_classify["classify"]["ratio"] >= TARGETS["classify_ratio"]),
        report_at_1m(at_1m),
        verdict("peak RSS of every careerlens step < 4 GiB", "4 GiB",
                f"{peak / GIB:.2f} GiB (highest: {step} at {label})", peak < TARGETS["peak_rss_bytes"]),
    ]
    to_1m = next((g for g in growths if g["to"] == "1M" and g["from"] == "100k"), None)
    if to_1m:
        worst = max((s for s in STEP_SECONDS if to_1m[s] is not None), key=lambda s: to_1m[s])
        failed = [s for s in STEP_SECONDS if to_1m[s] is None]
        out.append(verdict("1M run <= 12x the 100k run (each step)", "12x",
                           f"{to_1m[worst]:.1f}x (worst: {worst})",
                           to_1m[worst] <= TARGETS["growth_1M_over_100k"] and not failed,
                           f"{', '.join(failed)} failed at 1M" if failed else ""))
    else:
        near = growths[-1] if growths else None
        note = (f"1M not run; {near['to']} / {near['from']} = " +
                ", ".join(f"{s} {near[s]:.1f}x" for s in STEP_SECONDS if near[s] is not None) + f" for {near['size_ratio']:.0f}x the postings"
                if near else "needs 100k and 1M")
        out.append(verdict("1M run <= 12x the 100k run (each step)", "12x", "-", None, note))
    return out


def report_at_1m(at_1m) -> dict:
    name = "report at 1M < 60 s"
    if at_1m is None:
        return {"target": name, "bar": "60 s", "measured": "-", "status": "not measured", "note": "1M not run"}
    if at_1m["report"].get("failed"):
        return {"target": name, "bar": "60 s", "measured": "failed", "status": "miss",
                "note": at_1m["report"]["failed"]}
    seconds = at_1m["report"]["median_seconds"]
    return {"target": name, "bar": "60 s", "measured": f"{seconds:.1f} s",
            "status": "pass" if seconds < TARGETS["report_seconds_1M"] else "miss", "note": ""}


def fmt(value, pattern, missing="failed"):
    return missing if value is None else format(value, pattern)


def markdown(report: dict) -> str:
    """The results as markdown: throughput table, peak RSS table, growth and targets."""
    m = report["machine"]
    sizes = [report["sizes"][k] for k in sorted(report["sizes"], key=lambda k: report["sizes"][k]["postings"])]
    lines = [
        f"Measured {report['date']} with `{report['command']}`",
        "",
        f"Machine: {m['cores']} cores ({m['cpu_model']}), {m['memory_gib']} GiB memory, load average "
        f"{m['load_average_at_start'][0]:.1f} at the start (shared with other jobs); Python {m['python']}, "
        f"DuckDB {m['duckdb']}, careerlens {m['careerlens']} at {m['git_commit']}"
        + (f" with {m['uncommitted_library_changes']} uncommitted library file(s)"
           if m["uncommitted_library_changes"] else "") + ".",
        f"DuckDB memory limit {report['settings']['memory_limit']} (careerlens and baselines), "
        f"median of {report['settings']['repeat']} run(s) per step, whole processes under GNU time.",
        *([f"Sizes {', '.join(report['merged_from']['sizes'])} are from `{report['merged_from']['command']}` "
           f"({report['merged_from']['date']}; load average "
           f"{report['merged_from']['machine']['load_average_at_start'][0]:.1f} at its start, "
           f"median of {report['merged_from'].get('repeat', '?')} run(s))."] if report.get("merged_from") else []),
        "",
        "| postings | CSV MB | ingest CSV rows/s (MB/s) | bare read_csv rows/s (MB/s) | ratio "
        "| ingest Parquet rows/s (MB/s) | bare read_parquet rows/s (MB/s) | ratio "
        "| classify postings/s | regexp scan postings/s | ratio | report s | train s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in sizes:
        ic, ip, c = r["ingest_csv"], r["ingest_parquet"], r["classify"]

        def speed(side):
            return f"{side['rows_per_second']:,.0f} ({side['mb_per_second']:.1f})"

        train = f"{r['train']['median_seconds']:.0f}" if r.get("train") else "(copied)"
        lines.append(
            f"| {size_label(r['postings'])} | {ic['file_bytes'] / 1e6:,.0f} | {speed(ic['careerlens'])} | "
            f"{speed(ic['bare'])} | {ic['ratio']:.2f}x | {speed(ip['careerlens'])} | {speed(ip['bare'])} | "
            f"{ip['ratio']:.2f}x | {c['careerlens']['postings_per_second']:,.0f} | "
            f"{c['regexp_scan']['postings_per_second']:,.0f} | {c['ratio']:.2f}x | "
            f"{fmt(r['report']['median_seconds'], '.1f')} | {train} |")
    steps = list(peak_rss(sizes[0]))
    lines += ["", "Peak RSS (MiB) of each step:", "",
              "| postings | " + " | ".join(steps) + " |", "|---:|" + "---:|" * len(steps)]
    for r in sizes:
        peaks = peak_rss(r)
        lines.append(f"| {size_label(r['postings'])} | "
                     + " | ".join(f"{peaks[s] / 1024 ** 2:,.0f}" if peaks.get(s) is not None else "-"
                                  for s in steps) + " |")
    if report["growth"]:
        lines += ["", "Growth (time at the larger size / time at the smaller):", "",
                  "| sizes | postings | " + " | ".join(STEP_SECONDS) + " |",
                  "|---|---:|" + "---:|" * len(STEP_SECONDS)]
        for g in report["growth"]:
            lines.append(f"| {g['to']} / {g['from']} | {g['size_ratio']:.0f}x | "
                         + " | ".join(f"{g[s]:.1f}x" if g[s] is not None else "-" for s in STEP_SECONDS) + " |")
    lines += ["", "| target | measured | status |", "|---|---|---|"]
    for t in report["targets"]:
        note = f" ({t['note']})" if t["note"] else ""
        lines.append(f"| {t['target']} | {t['measured']}{note} | **{t['status']}** |")
    return "\n".join(lines) + "\n"


def update_readme(readme: Path, table: str):
    text = readme.read_text(encoding="utf-8")
    start, end = text.index(README_START) + len(README_START), text.index(README_END)
    readme.write_text(text[:start] + "\n" + table + text[end:], encoding="utf-8")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100k,300k,1M", help="Comma-separated corpus sizes [default: 100k,300k,1M].")
    parser.add_argument("--repeat", type=int, default=3, help="Runs of every step; medians reported [default: 3].")
    parser.add_argument("--seed", type=int, default=2025, help="Corpus seed [default: 2025].")
    parser.add_argument("--corpora", type=Path, default=BENCH / "corpora",
                        help="Corpus folder [default: bench/corpora].")
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="The shared data folder.")
    parser.add_argument("--out", type=Path, default=BENCH / "out",
                        help="Results and scratch stores [default: bench/out].")
    parser.add_argument("--memory-limit", default="3GB", help="DuckDB memory limit for every process [default: 3GB].")
    parser.add_argument("--model-from", type=Path,
                        help="Copy the classifier from this store instead of running `careerlens train`.")
    parser.add_argument("--keep-stores", action="store_true", help="Keep each size's store in <out>/work.")
    parser.add_argument("--no-readme", action="store_true", help="Do not update bench/README.md.")
    parser.add_argument("--merge", type=Path, metavar="RESULTS_JSON",
                        help="Start from the sizes of an earlier results.json (sizes measured now replace them).")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    sizes = [parse_size(s) for s in args.sizes.split(",") if s.strip()]
    command = "python bench/run.py " + shlex.join(argv if argv is not None else sys.argv[1:])

    bench = Bench(args)
    for folder in (bench.work, bench.spill):
        folder.mkdir(parents=True, exist_ok=True)
    report = {"command": command.strip(), "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
              "machine": machine(),
              "settings": {"memory_limit": args.memory_limit, "repeat": args.repeat, "seed": args.seed,
                           "sizes": [size_label(n) for n in sizes]},
              "sizes": {}}
    if args.merge:
        earlier = json.loads(args.merge.read_text())
        report["sizes"] = {k: v for k, v in earlier["sizes"].items() if v["postings"] not in sizes}
        report["merged_from"] = {"command": earlier["command"], "date": earlier["date"],
                                 "repeat": earlier["settings"]["repeat"],
                                 "sizes": list(report["sizes"]), "machine": earlier["machine"]}
    corpora = make_corpora(sizes, seed=args.seed, out=args.corpora, shared=args.shared, echo=bench.echo)
    for n in sizes:
        report["sizes"][size_label(n)] = bench.measure_size(n, corpora[n])
        partial = args.out / "results.partial.json"
        partial.write_text(json.dumps(report, indent=2, default=str) + "\n")
    by_count = {r["postings"]: r for r in report["sizes"].values()}
    report["growth"] = growth(by_count, STEP_SECONDS)
    report["targets"] = judge(by_count, report["growth"])
    table = markdown(report)
    (args.out / "results.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    (args.out / "results.md").write_text(table)
    (args.out / "results.partial.json").unlink(missing_ok=True)
    shutil.rmtree(bench.spill, ignore_errors=True)
    if not args.no_readme:
        update_readme(BENCH / "README.md", table)
    print(table)


if __name__ == "__main__":
    main()
