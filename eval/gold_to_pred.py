#!/usr/bin/env python3
"""Turn a gold folder into a prediction file, to check a set's gold with the reference scorer.

python3 eval/gold_to_pred.py eval/SET/gold > /tmp/pred.jsonl
python3 ../shared/devset/score.py eval/SET/gold /tmp/pred.jsonl   # must give 1.0 everywhere
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> int:
    for path in sorted(Path(sys.argv[1]).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        events = [
            {
                "date": ev["date"],
                "date_precision": ev["date_precision"],
                "sub_event_type": ev["sub_event_type"],
                "weapons": ev["weapons"],
                "location": {
                    "name": ev["location"],
                    "lat": ev.get("lat"),
                    "lon": ev.get("lon"),
                    "country": ev.get("country"),
                    "admin1": ev.get("admin1"),
                },
                "actors": ev["actor"],
                "claimed_by": ev["claimed_by"],
                "target": ev.get("target"),
                "fatalities": ev.get("fatalities"),
                "injuries": ev.get("injuries"),
            }
            for ev in gold["events"]
        ]
        line = {"doc_id": gold["id"], "events": events, "memberships": gold.get("memberships", [])}
        print(json.dumps(line, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
