#!/usr/bin/env python3
"""Writes the request bodies wrk posts: one JSON body per line, a mix of listed names (as
published, with a typo, reordered) and clean names that are on no list, so the benchmark pays for
both hit explanations and candidate rejection. Deterministic (fixed seed)."""
import csv, json, random, sys

csl_path, out_path = sys.argv[1], sys.argv[2]
rng = random.Random(6)
listed = []
with open(csl_path, newline="", encoding="utf-8", errors="replace") as f:
    for row in csv.DictReader(f):
        name = (row.get("name") or "").strip()
        if name:
            listed.append((name, (row.get("addresses") or "")[-2:]))
rng.shuffle(listed)
listed = listed[:1500]
words = ["Global", "Pacific", "Northern", "Advanced", "Precision", "Systems", "Trading", "Logistics",
         "Holdings", "Micro", "Devices", "Semiconductor", "Components", "Industrial", "Supply",
         "Electronics", "Maritime", "Capital", "Partners", "Technologies", "Green", "Valley"]
forms = ["Inc", "Ltd", "GmbH", "LLC", "Co", "SA", "BV", ""]
bodies = []
for name, _ in listed:
    variant = rng.random()
    if variant < 0.3 and len(name) > 6:
        i = rng.randrange(1, len(name) - 1)
        name = name[:i] + name[i + 1:]  # one dropped letter
    elif variant < 0.45 and " " in name:
        parts = name.split()
        name = " ".join(parts[1:] + parts[:1])
    bodies.append({"name": name})
for _ in range(1500):
    name = " ".join(rng.sample(words, rng.randint(2, 3)) + [rng.choice(forms)]).strip()
    body = {"name": name}
    if rng.random() < 0.5:
        body["country"] = rng.choice(["US", "DE", "CN", "JP", "NL", "KR", "TW"])
    bodies.append(body)
rng.shuffle(bodies)
with open(out_path, "w", encoding="utf-8") as out:
    for b in bodies:
        out.write(json.dumps(b, ensure_ascii=False) + "\n")
