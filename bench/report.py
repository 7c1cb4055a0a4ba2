"""The table: rows from a run's measurements, the verdicts, docs/performance.md and the printout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .stats import INFO, MET, MISSED, NOT_BUILT, Row, verdict_at_least, verdict_ms

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
DOCS = ROOT / "docs" / "performance.md"
ENGINES = {"sqlite": "SQLite", "postgres": "PostgreSQL"}
SEARCH_KINDS = {
    "name": "name without diacritics",
    "citizen_id": "citizen ID number",
    "record_number": "record number",
    "record_last_digits": "record number's last digits",
    "sorted_list": "the list sorted (by name with nothing typed, by record number, a name search by name)",
}
# Why a figure misses its target, found by profiling (details in docs/performance.md, "Causes");
# keyed by "engine:row" or by row.
WHY: dict[str, str] = {
    "search.name": "a rare full name reads its other matches through the word index: see Causes",
    "search.record_number": "see Causes: the record number's B-tree range",
    "search.citizen_id": "see Causes: the exact ID lookup",
    "intake": "per-person services with audit entries and journal rows: see Causes",
    "import": "Python per row: openpyxl reading and the row checks; see Causes",
    "resident_page": "template and access-log time: see Causes",
    "load": "2 cores saturated (server and locust); see Causes",
}


def _ms(value: float | None) -> str:
    return "—" if value is None else (f"{value:.1f}" if value < 100 else f"{value:.0f}")


def rows_for(result: dict[str, Any]) -> list[Row]:
    engine = result["engine"]
    server, http = result["server"], result.get("http", {})
    national = result["sizes"]["national"]
    rows: list[Row] = []
    pg = engine == "postgres"
    for kind, label in SEARCH_KINDS.items() if "search" in server else ():
        if kind not in server["search"]:  # a result written before the kind was measured
            continue
        figure = server["search"][kind]
        orm, raw = figure["orm"], figure["raw_sql"]
        rows.append(
            Row(
                key=f"search.{kind}",
                what=f"Resident search, {label}, {national:,} residents (first page, and whether more follow)",
                target="median ≤ 5, p95 ≤ 20" if pg else "median ≤ 10",
                median=orm["median"],
                p95=orm["p95"],
                baseline=f"same SQL raw: {_ms(raw['median'])} / {_ms(raw['p95'])}",
                verdict=verdict_ms(orm["median"], orm["p95"], median_max=5 if pg else 10, p95_max=20 if pg else None),
                # Results on the median query's first page: up to 25, or 26 when more pages follow.
                extra={"queries": figure["queries"], "first_page_median": figure["matches_median"]},
            )
        )
    bare = http.get("bare")
    for kind in SEARCH_KINDS:
        if f"search_{kind}" in http:
            figure = http[f"search_{kind}"]
            rows.append(
                Row(
                    key=f"http.search.{kind}",
                    what=f"… the same search through HTTP ({SEARCH_KINDS[kind]}, htmx partial)",
                    target="—",
                    median=figure["median"],
                    p95=figure["p95"],
                    baseline=f"bare view: {_ms(bare['median'])} / {_ms(bare['p95'])}" if bare else "",
                )
            )
    intake = server.get("intake")
    rows += (
        []
        if intake is None
        else [
            Row(
                key="intake",
                what="Intake through the services: register + admit (resident, contact, episode, checklist, "
                "journal, audit)",
                target="≥ 500 /s",
                unit="/s",
                value=intake["per_second"],
                baseline=f"register {_ms(intake['register']['median'])} ms + admit {_ms(intake['admit']['median'])} ms",
                verdict=verdict_at_least(intake["per_second"], 500),
            )
        ]
    )
    imported = server.get("import")
    rows += (
        []
        if imported is None
        else [
            Row(
                key="import",
                what=f"Roster import from .xlsx, {imported['rows']:,} rows (check + write, one transaction)",
                target="≥ 2,000 rows/s",
                unit="rows/s",
                value=imported["rows_per_second"],
                baseline=f"runs: {', '.join(f'{s} s' for s in imported['seconds'])}",
                verdict=verdict_at_least(imported["rows_per_second"], 2000),
            )
        ]
    )
    grading = server.get("grading_sheet")
    rows += (
        []
        if grading is None
        else [
            Row(
                key="grading_sheet",
                what=f"Grading sheet saved: {grading['residents']} grades for a month (one transaction, bulk)",
                target="≤ 1,000 ms",
                median=grading["new_grades"]["median"],
                p95=grading["new_grades"]["p95"],
                baseline=f"all corrected: {_ms(grading['corrected']['median'])} ms",
                verdict=verdict_ms(grading["new_grades"]["median"], None, median_max=1000, p95_max=None),
            )
        ]
    )
    page = server.get("resident_page")
    constant = page is not None and page["queries"] == page["queries_short_history"]
    rows += (
        []
        if page is None
        else [
            Row(
                key="resident_page",
                what=(
                    f"Resident page, {page['journal_rows']} journal rows since {page['journal_from']} "
                    f"({page['episodes']} episodes), server time"
                ),
                target="≤ 30, constant queries",
                median=page["page"]["median"],
                p95=page["page"]["p95"],
                baseline=(
                    f"bare view in-process: {_ms(page['bare']['median'])}; queries {page['queries']} "
                    f"(one short episode: {page['queries_short_history']})"
                ),
                verdict=MET if page["page"]["median"] <= 30 and constant else MISSED,
            )
        ]
    )
    if "resident_page" in http:
        rows.append(
            Row(
                key="http.resident_page",
                what="… the same page through HTTP",
                target="—",
                median=http["resident_page"]["median"],
                p95=http["resident_page"]["p95"],
                baseline=f"bare view: {_ms(bare['median'])} / {_ms(bare['p95'])}" if bare else "",
            )
        )
    sections = ("daily_life", "plans", "workflows")
    for key, figure in [item for section in sections for item in server.get(section, {}).items()]:
        rows.append(
            Row(
                key=key,
                what=figure["what"],
                target=f"≤ {figure['floor_ms']:g}",
                median=figure["median"],
                p95=figure["p95"],
                baseline=figure.get("baseline", ""),
                verdict=verdict_ms(figure["median"], None, median_max=figure["floor_ms"], p95_max=None),
                extra={"queries": figure["queries"]} if "queries" in figure else {},
            )
        )
    overview = server.get("overview")
    rows += (
        []
        if overview is None
        else [
            Row(
                key="overview",
                what=(
                    f"Director overview (home page census), {overview['episodes']:,} episodes, "
                    f"{overview['open_episodes']} open, server time"
                ),
                target="≤ 100",
                median=overview["home_page"]["median"],
                p95=overview["home_page"]["p95"],
                baseline=(
                    f"census ORM {_ms(overview['census']['median'])}, "
                    f"raw SQL {_ms(overview['census_raw_sql']['median'])}"
                ),
                verdict=verdict_ms(overview["home_page"]["median"], None, median_max=100, p95_max=None),
            )
        ]
    )
    rows.append(
        Row(
            key="dashboard",
            what="Director dashboard (charts), facility with 10 years",
            target="≤ 100",
            verdict=NOT_BUILT,
            note="the reports module does not exist yet",
        )
    )
    if pg:
        rows.append(
            Row(
                key="report",
                what="Periodic report, one year, province of 10 facilities",
                target="≤ 1 s",
                verdict=NOT_BUILT,
                note="the reports module does not exist yet",
            )
        )
    rows.append(
        Row(
            key="portal",
            what="Public article page with visitor counting",
            target="≥ 60 % of the bare view's throughput",
            verdict=NOT_BUILT,
            note="the portal module does not exist yet",
        )
    )
    load = result.get("load")
    if load:
        ok = load["p95"] <= 300 and load["failures"] == 0
        rows.append(
            Row(
                key="load",
                what=f"50 staff users, {load['seconds'] // 60} min {load['seconds'] % 60} s, the mix (all requests)",
                target="p95 ≤ 300, 0 errors",
                median=load["median"],
                p95=load["p95"],
                value=load["failures"],
                unit="errors",
                baseline=f"{load['requests']:,} requests, {load['requests_per_second']} req/s, p99 {_ms(load['p99'])}",
                verdict=MET if ok else MISSED,
            )
        )
    memory = result.get("memory_mb")
    if memory:
        rows.append(
            Row(
                key="memory",
                what="Memory per server worker after the load (VmRSS)",
                target="≤ 150 MB",
                unit="MB",
                value=max(memory),
                baseline=f"workers: {', '.join(str(m) for m in memory)} MB",
                verdict=MET if max(memory) <= 150 else MISSED,
            )
        )
    for row in rows:
        if row.verdict == MISSED and not row.note:
            row.note = WHY.get(f"{engine}:{row.key}", WHY.get(row.key, ""))
    return rows


def _figure(row: dict[str, Any]) -> tuple[str, str]:
    if row["verdict"] == NOT_BUILT:
        return "—", "—"
    if row["median"] is not None:
        median, p95 = _ms(row["median"]), _ms(row["p95"])
        if row["unit"] == "errors":
            p95 = f"{p95} ({row['value']} errors)"
        return median, p95
    value = row["value"]
    return (f"{value:,.0f} {row['unit']}" if row["unit"] != "MB" else f"{value} MB"), "—"


def latest(quick: bool = False) -> dict[str, dict[str, Any]]:
    """The newest result file of each engine."""
    found: dict[str, dict[str, Any]] = {}
    for engine in ENGINES:
        pattern = f"*-{engine}-quick.json" if quick else f"*-{engine}.json"
        files = sorted(RESULTS.glob(pattern))
        if files:
            found[engine] = json.loads(files[-1].read_text())
    return found


def _lines(results: dict[str, dict[str, Any]], *, markdown: bool) -> list[str]:
    header = ["Engine", "What", "Target", "Median (ms)", "p95 (ms)", "Baseline, same run", "Verdict", "Why"]
    table = []
    for engine, result in results.items():
        for row in result["rows"]:
            median, p95 = _figure(row)
            verdict = row["verdict"] if row["verdict"] != INFO else ""
            table.append(
                [ENGINES[engine], row["what"], row["target"], median, p95, row["baseline"], verdict, row["note"]]
            )
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(cell.replace("|", "\\|") for cell in line) + " |" for line in table]
        return out
    out = []
    for line in table:
        verdict = line[6].upper() if line[6] else "info"
        out.append(f"[{verdict:>13}] {line[0]:<10} {line[1][:78]:<78}  {line[3]:>10} {line[4]:>18}  target {line[2]}")
    return out


def table_text(quick: bool = False) -> str:
    results = latest(quick)
    if not results:
        return "No results yet."
    return table_text_of(results)


def table_text_of(results: dict[str, dict[str, Any]]) -> str:
    return "\n".join(["", "Figures against their targets:", *_lines(results, markdown=False), ""])


def _machine(results: dict[str, dict[str, Any]]) -> str:
    first = next(iter(results.values()))
    m = first["machine"]
    dates = ", ".join(f"{ENGINES[e]} {r['date']}" for e, r in results.items())
    return (
        f"{m['cpus']} cores ({m['cpu_model']}), {m['memory_gb']} GB; Python {m['python']}, SQLite {m['sqlite']}, "
        f"PostgreSQL {m['postgresql']}; gunicorn {m['gunicorn']}. Runs: {dates}."
    )


def refresh() -> None:
    """Recompute the rows of the newest results from their stored measurements (a change to the
    rows' wording or causes needs no new run), then write the docs."""
    for engine in ENGINES:
        files = sorted(RESULTS.glob(f"*-{engine}.json"))
        if files:
            result = json.loads(files[-1].read_text())
            result["rows"] = [row.as_dict() for row in rows_for(result)]
            files[-1].write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    write_docs()


def write_docs() -> None:
    results, quick = latest(), False
    if not results:
        # Before the first full run: the smoke run's figures, labelled as such.
        results, quick = latest(quick=True), True
    if not results:
        return
    template = (Path(__file__).resolve().parent / "performance.md.in").read_text(encoding="utf-8")
    counts = {
        engine: {
            MET: sum(r["verdict"] == MET for r in result["rows"]),
            MISSED: sum(r["verdict"] == MISSED for r in result["rows"]),
            NOT_BUILT: sum(r["verdict"] == NOT_BUILT for r in result["rows"]),
        }
        for engine, result in results.items()
    }
    summary = "; ".join(
        f"{ENGINES[e]}: {c[MET]} met, {c[MISSED]} missed, {c[NOT_BUILT]} not yet built" for e, c in counts.items()
    )
    text = (
        template.replace("{{machine}}", _machine(results))
        .replace(
            "{{summary}}",
            summary
            + (
                ". **These are smoke-run figures (`BENCH_QUICK=1`: 20,000 / 10,000 residents, a short load), "
                "not the national-scale figures**"
                if quick
                else ""
            ),
        )
        .replace("{{table}}", "\n".join(_lines(results, markdown=True)))
    )
    DOCS.write_text(text, encoding="utf-8")
