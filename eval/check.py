"""Validate the gold evaluation corpus and print statistics.

Usage: .venv/bin/python eval/check.py [--markdown]
Checks: JSON parses, ids unique, CAMEO codes exist, actor keys are ISO3 / IGO / NGO,
dates valid, quote `starts` strings occur verbatim in their text, article files exist
and start with a `date` line.
"""
import collections, csv, datetime as dt, glob, json, os, re, sys

ROOT = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(ROOT)
CAMEO_TSV = "/work/shared/reference/cameo-event-codes.tsv"
COUNTRIES_TSV = os.path.join(REPO, "src/diplograph/data/countries.tsv")
SHAPES = ["pass", "coord", "excl", "pron", "nom", "neg", "int", "rep", "date"]
MODALITIES = {"asserted", "reported", "intended", "expected"}
errors = []


def err(msg):
    errors.append(msg)


def load_codes():
    codes = set()
    with open(CAMEO_TSV, encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if row and row[0] != "code":
                codes.add(row[0])
    return codes


def load_iso3():
    iso = set()
    with open(COUNTRIES_TSV, encoding="utf-8") as f:
        lines = [l for l in f if not l.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t"):
        iso.add(row["iso3"])
    return iso


CODES, ISO3 = load_codes(), load_iso3()


def check_actor(a, where, allow_star=False, allow_null=False):
    if a is None:
        if not allow_null:
            err(f"{where}: null actor")
        return
    if a == "*" and allow_star:
        return
    if re.fullmatch(r"(IGO|NGO):[A-Z0-9]+", a):
        return
    if a not in ISO3:
        err(f"{where}: unknown actor key {a!r}")


def check_code(c, where, allow_star=False):
    if c == "*" and allow_star:
        return
    if c not in CODES:
        err(f"{where}: unknown CAMEO code {c!r}")


def check_date(d, where):
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", d):
            dt.date.fromisoformat(d)
        elif re.fullmatch(r"\d{4}-\d{2}", d):
            dt.date.fromisoformat(d + "-01")
        else:
            raise ValueError
    except ValueError:
        err(f"{where}: bad date {d!r}")


def sentences():
    ids, cases = set(), []
    for path in sorted(glob.glob(os.path.join(ROOT, "sentences/*.jsonl"))):
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            where = f"{os.path.basename(path)}:{n}"
            try:
                c = json.loads(line)
            except json.JSONDecodeError as e:
                err(f"{where}: {e}")
                continue
            c["_file"] = os.path.basename(path)
            for key in ("expected", "optional", "forbidden", "quotes"):
                c.setdefault(key, [])
            if c["id"] in ids:
                err(f"{where}: duplicate id {c['id']}")
            ids.add(c["id"])
            check_date(c["date"], where)
            for key in ("expected", "optional"):
                for e in c[key]:
                    check_actor(e["source"], where)
                    check_actor(e["target"], where, allow_null=True)
                    check_code(e["code"], where)
                    if "modality" in e and e["modality"] not in MODALITIES:
                        err(f"{where}: bad modality {e['modality']}")
                    if "date" in e:
                        check_date(e["date"], where)
            for e in c["forbidden"]:
                check_actor(e["source"], where, allow_star=True)
                check_actor(e["target"], where, allow_star=True)
                check_code(e["code"], where, allow_star=True)
            for q in c["quotes"]:
                if q["starts"] not in c["text"]:
                    err(f"{where}: quote start not in text: {q['starts']!r}")
                if q["kind"] not in ("direct", "indirect"):
                    err(f"{where}: bad quote kind")
                if q["speaker_country"] is not None:
                    check_actor(q["speaker_country"], where)
            cases.append(c)
    return cases


def articles():
    golds = []
    seen = set()
    gold_files = sorted(glob.glob(os.path.join(ROOT, "articles", "gold*.jsonl")))  # gold.jsonl, gold-31-50.jsonl
    lines = [(os.path.basename(f), n, line) for f in gold_files for n, line in enumerate(open(f, encoding="utf-8"), 1)]
    for name, n, line in lines:
        where = f"{name}:{n}"
        g = json.loads(line)
        if g["file"] in seen:
            err(f"{where}: duplicate file")
        seen.add(g["file"])
        path = os.path.join(ROOT, "articles", g["file"])
        if not os.path.exists(path):
            err(f"{where}: missing {g['file']}")
            continue
        raw = open(path, encoding="utf-8").read()
        first, blank, body = raw.split("\n", 2)
        if not re.fullmatch(r"date \d{4}-\d{2}-\d{2}", first) or blank != "":
            err(f"{g['file']}: bad header")
        check_date(first[5:], g["file"])
        g["_date"], g["_text"] = first[5:], body
        for e in g["events"]:
            for a in e["src"] + e["tgt"]:
                check_actor(a, where, allow_star=True)
            for r in e["roots"]:
                if not re.fullmatch(r"\d{2}", r) or r not in CODES:
                    err(f"{where}: bad root {r}")
            for c in e.get("codes", []):
                check_code(c, where)
                if c[:2] not in e["roots"]:
                    err(f"{where}: code {c} outside roots {e['roots']}")
            if e["date"] is not None:
                check_date(e["date"], where)
        for f in g["forbidden"]:
            check_actor(f["src"], where, allow_star=True)
            check_actor(f["tgt"], where, allow_star=True)
            for r in f["roots"]:
                if r != "*" and r not in CODES:
                    err(f"{where}: bad forbidden root {r}")
        for q in g["quotes"]:
            if q["starts"] not in body:
                err(f"{where}: quote start not in article: {q['starts']!r}")
            if q["speaker"] not in body:
                err(f"{where}: speaker not in article: {q['speaker']!r}")
        golds.append(g)
    files = {os.path.basename(p) for p in glob.glob(os.path.join(ROOT, "articles/*.txt"))}
    for extra in files - seen:
        err(f"article without gold: {extra}")
    return golds


def n_sentences(text):
    text = re.sub(r"^[A-ZÀ-Ý'’ ()\-,A-Za-z]+ — ", "", text)  # ignore dateline
    return len(re.findall(r"[.!?][\"”’»]?(?=\s|$)", text))


def main():
    cases = sentences()
    golds = articles()
    md = "--markdown" in sys.argv
    out = []
    by_file = collections.Counter(c["_file"] for c in cases)
    out.append("## Sentence cases\n")
    out.append(f"Total sentence cases: {len(cases)}\n")
    out.append("| file | cases |\n|---|---|")
    for f, n in sorted(by_file.items()):
        out.append(f"| {f} | {n} |")
    root_cases = collections.Counter()
    root_events = collections.Counter()
    for c in cases:
        roots = {e["code"][:2] for e in c["expected"]}
        for r in roots:
            root_cases[r] += 1
        for e in c["expected"]:
            root_events[e["code"][:2]] += 1
    out.append("\n| root | sentences with an expected event of this root | expected events |\n|---|---|---|")
    for r in [f"{i:02d}" for i in range(1, 21)]:
        out.append(f"| {r} | {root_cases[r]} | {root_events[r]} |")
    with_events = sum(1 for c in cases if c["expected"])
    no_event = sum(1 for c in cases if not c["expected"] and {"source": "*", "target": "*", "code": "*"} in c["forbidden"])
    neg_only = sum(1 for c in cases if not c["expected"]) - no_event
    out.append(f"\nSentences with expected events: {with_events}; pure no-event sentences: {no_event}; "
               f"other sentences with no required event (negations etc.): {neg_only}")
    shapes = collections.Counter(c["id"].split("-")[0] for c in cases if c["id"].split("-")[0] in SHAPES)
    out.append(f"\n| shape (id prefix) | cases |\n|---|---|")
    for s in SHAPES:
        out.append(f"| {s}- | {shapes[s]} |")
    out.append(f"| total | {sum(shapes.values())} |")
    mods = collections.Counter(e.get("modality", "asserted") for c in cases for e in c["expected"])
    dated = sum(1 for c in cases for e in c["expected"] if "date" in e)
    out.append(f"\nExpected events: {sum(mods.values())} (modality: " + ", ".join(f"{k} {v}" for k, v in sorted(mods.items()))
               + f"); with an explicit event date: {dated}")
    nq = sum(len(c["quotes"]) for c in cases)
    kinds = collections.Counter(q["kind"] for c in cases for q in c["quotes"])
    out.append(f"Quote annotations in sentences: {nq} ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}) "
               f"in {sum(1 for c in cases if c['quotes'])} cases")
    opt = sum(len(c["optional"]) for c in cases)
    forb = sum(len(c["forbidden"]) for c in cases)
    out.append(f"Optional events: {opt}; forbidden patterns: {forb}")
    out.append("\n## Articles\n")
    out.append("| file | date | sentences | events (required) | forbidden | quotes |\n|---|---|---|---|---|---|")
    tot = collections.Counter()
    aroots = collections.Counter()
    for g in golds:
        req = sum(1 for e in g["events"] if e["required"])
        ns = n_sentences(g["_text"])
        out.append(f"| {g['file']} | {g['_date']} | {ns} | {len(g['events'])} ({req}) | {len(g['forbidden'])} | {len(g['quotes'])} |")
        tot.update(events=len(g["events"]), required=req, forbidden=len(g["forbidden"]), quotes=len(g["quotes"]),
                   dated=sum(1 for e in g["events"] if e["date"]))
        for e in g["events"]:
            aroots[e["roots"][0]] += 1
    out.append(f"\nArticles: {len(golds)}; events {tot['events']} (required {tot['required']}, dated {tot['dated']}); "
               f"forbidden {tot['forbidden']}; quotes {tot['quotes']}")
    out.append("Article events by first listed root: " + ", ".join(f"{r}: {n}" for r, n in sorted(aroots.items())))
    print("\n".join(out))
    if errors:
        print(f"\n{len(errors)} ERRORS", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        sys.exit(1)
    print("\nvalidation: OK", file=sys.stderr)


if __name__ == "__main__":
    main()
